package io.cenote.pool.internal.jdbc;

import io.cenote.pool.TransactionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a lease's {@link TransactionListener}. A callback that throws is logged with the pool's
 * name and otherwise ignored, so a listener bug never changes what a JDBC call returns or throws,
 * nor keeps a connection from going back to the pool.
 */
final class TransactionEvents {

  private static final Logger log = LoggerFactory.getLogger(TransactionEvents.class);

  private TransactionEvents() {}

  static void began(TransactionListener listener, String pool, long connectionId) {
    try {
      listener.transactionBegan();
    } catch (RuntimeException e) {
      failed("transactionBegan", pool, connectionId, e);
    }
  }

  static void ended(TransactionListener listener, boolean committed, String pool,
      long connectionId) {
    try {
      listener.transactionEnded(committed);
    } catch (RuntimeException e) {
      failed("transactionEnded", pool, connectionId, e);
    }
  }

  static void leaseClosed(TransactionListener listener, String pool, long connectionId) {
    try {
      listener.leaseClosed();
    } catch (RuntimeException e) {
      failed("leaseClosed", pool, connectionId, e);
    }
  }

  private static void failed(String callback, String pool, long connectionId,
      RuntimeException e) {
    log.warn("[{}] transaction listener threw in {} for connection {}; ignored", pool, callback,
        connectionId, e);
  }
}
