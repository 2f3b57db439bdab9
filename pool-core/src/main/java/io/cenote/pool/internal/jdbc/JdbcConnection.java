package io.cenote.pool.internal.jdbc;

import java.sql.Connection;

/**
 * A physical connection as the pool holds it: the driver's connection, the state every borrower
 * must find it in, and what the current borrower changed. Written only by the thread that owns
 * the pool entry, so the fields need no synchronisation.
 */
public final class JdbcConnection {

  final Connection raw;
  final boolean autoCommit;
  final boolean readOnly;
  final int isolation;
  final String catalog;
  final String schema;
  /** The driver's network timeout at creation, or -1 when the driver cannot report it. */
  final int networkTimeout;
  /** The query timeout every new statement gets, in seconds; 0 for none. */
  final int defaultQueryTimeoutSeconds;

  boolean autoCommitChanged;
  boolean readOnlyChanged;
  boolean isolationChanged;
  boolean catalogChanged;
  boolean schemaChanged;
  boolean networkTimeoutChanged;
  /** True when a statement ran since the last commit or rollback. */
  boolean transactionDirty;
  /** True after a fatal error: the connection must not be lent again. */
  boolean broken;

  JdbcConnection(Connection raw, boolean autoCommit, boolean readOnly, int isolation,
      String catalog, String schema, int networkTimeout, int defaultQueryTimeoutSeconds) {
    this.raw = raw;
    this.autoCommit = autoCommit;
    this.readOnly = readOnly;
    this.isolation = isolation;
    this.catalog = catalog;
    this.schema = schema;
    this.networkTimeout = networkTimeout;
    this.defaultQueryTimeoutSeconds = defaultQueryTimeoutSeconds;
  }

  /** @return the driver's connection */
  public Connection raw() {
    return raw;
  }

  /** @return true when a fatal error marked this connection unusable */
  public boolean broken() {
    return broken;
  }
}
