package io.cenote.examples.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The databases the simulator runs on, by their command-line names. */
public enum Database {
  /** An embedded SQLite file; outages are made with pool-testkit's fault driver. */
  SQLITE("sqlite"),
  /** The PostgreSQL primary and replica of {@code scripts/db.sh}. */
  POSTGRES("postgres"),
  /** The MariaDB primary and replica of {@code scripts/db.sh}. */
  MARIADB("mariadb");

  private final String id;

  Database(String id) {
    this.id = id;
  }

  /** @return the name {@code --db} takes */
  public String id() {
    return id;
  }

  /**
   * Finds a database by its command-line name.
   *
   * @param name such as {@code postgres}; case does not matter
   * @return the database, or empty for an unknown name
   */
  public static Optional<Database> byId(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(d -> d.id.equals(wanted)).findFirst();
  }
}
