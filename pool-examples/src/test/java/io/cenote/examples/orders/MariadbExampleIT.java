package io.cenote.examples.orders;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import org.junit.jupiter.api.BeforeEach;

/**
 * The MariaDB example (through mysql-connector-j) end to end against the primary and GTID
 * replica of {@code scripts/db.sh}; the checks are {@link ServerExampleChecks}'.
 */
class MariadbExampleIT extends ServerExampleChecks {

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.MARIADB) DatabaseTarget primary,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA)
          DatabaseTarget replica) {
    servers("MARIADB", primary, replica);
  }

  @Override
  String command() {
    return "mariadb";
  }

  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }

  @Override
  String wiring() {
    return "FleetConfig.fromProperties + PoolManager.start";
  }
}
