package io.cenote.router.internal;

import io.cenote.pool.TransactionListener;

/**
 * Tells a session what one write connection does, for read-your-writes and for keeping the
 * session's reads on the primary while it holds a transaction open there. It listens on the
 * pooled connection itself, so a commit made through {@code stmt.getConnection()} or through a
 * lazily routed connection is seen the same as one made on the connection the cluster handed
 * out. One per write borrow; a connection is used by one thread at a time, but its close may
 * come from the pool's housekeeper (a reclaimed leak), hence the volatile flag.
 */
final class WriteSession implements TransactionListener {

  private final SessionState session;
  private volatile boolean inTransaction;

  WriteSession(SessionState session) {
    this.session = session;
  }

  @Override
  public void transactionBegan() {
    if (!inTransaction) {
      inTransaction = true;
      session.transactionBegan();
    }
  }

  @Override
  public void transactionEnded(boolean committed) {
    leaveTransaction();
    session.markWritten();
  }

  @Override
  public void leaseClosed() {
    leaveTransaction();
    session.markWritten(); // auto-commit statements committed as they ran
  }

  private void leaveTransaction() {
    if (inTransaction) {
      inTransaction = false;
      session.transactionEnded();
    }
  }
}
