package io.cenote.testkit.db;

import java.util.Locale;

/** Whether a server accepts writes (the primary) or replays them (a replica). */
public enum DatabaseRole {

  /** The read-write server. */
  PRIMARY,

  /** The read-only server that replicates from the primary. */
  REPLICA;

  /**
   * Returns the name {@code scripts/db.sh} uses for this role on its command line.
   *
   * @return {@code primary} or {@code replica}
   */
  public String scriptName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
