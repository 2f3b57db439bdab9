package io.cenote.examples.orders;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import org.junit.jupiter.api.BeforeEach;

/**
 * The PostgreSQL example (wired with Guice) end to end against the primary and streaming
 * replica of {@code scripts/db.sh}; the checks are {@link ServerExampleChecks}'.
 */
class PostgresExampleIT extends ServerExampleChecks {

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget primary,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget replica) {
    servers("PG", primary, replica);
  }

  @Override
  String command() {
    return "postgres";
  }

  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }

  @Override
  String wiring() {
    return "Guice: CenoteModule";
  }
}
