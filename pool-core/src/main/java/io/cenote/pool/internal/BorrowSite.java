package io.cenote.pool.internal;

/** Captures the stack of the code that borrowed a connection, for leak reports. */
final class BorrowSite extends Throwable {

  private static final long serialVersionUID = 1L;

  BorrowSite(String poolName, long connectionId) {
    super("connection " + connectionId + " of pool '" + poolName + "' was borrowed here", null,
        false, true);
  }
}
