package io.cenote.router;

/** What a server is in its replication topology: as configured, or as the server reports it. */
public enum ServerRole {

  /** Accepts writes. */
  PRIMARY,

  /** Replays the primary's changes and serves reads only. */
  REPLICA,

  /** The server cannot say (SQLite), or it has not been asked yet. */
  UNKNOWN
}
