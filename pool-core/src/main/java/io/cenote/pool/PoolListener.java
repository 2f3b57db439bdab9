package io.cenote.pool;

/**
 * Receives lifecycle events of one pool. Every method has a no-op default, so an implementation
 * overrides only what it needs. When no listener is configured the pool skips event dispatch
 * entirely, so events cost nothing unless somebody listens.
 *
 * <p>Callbacks run on the thread that caused the event (a borrower, a returning thread or the
 * pool's housekeeper); they must be fast and must not block. An exception thrown by a listener
 * is logged and otherwise ignored.
 *
 * <p>Connections are identified by a {@code long} id unique within the pool; times are in
 * nanoseconds.
 */
public interface PoolListener {

  /**
   * A physical connection was opened.
   *
   * @param poolName the pool's name
   * @param connectionId the new connection's id
   * @param elapsedNanos how long opening it took
   */
  default void onConnect(String poolName, long connectionId, long elapsedNanos) {}

  /**
   * Opening a physical connection failed (it will be retried while somebody needs it).
   *
   * @param poolName the pool's name
   * @param cause the driver's error
   */
  default void onConnectFailure(String poolName, Throwable cause) {}

  /**
   * A connection was handed to a borrower.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   * @param waitNanos how long the borrower waited
   */
  default void onCheckout(String poolName, long connectionId, long waitNanos) {}

  /**
   * A borrower returned a connection.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   * @param holdNanos how long the borrower held it
   */
  default void onCheckin(String poolName, long connectionId, long holdNanos) {}

  /**
   * The pool closed a physical connection.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   * @param reason why it was closed
   */
  default void onClose(String poolName, long connectionId, CloseReason reason) {}

  /**
   * A borrower detached a connection: it left the pool and is now owned by the caller.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   */
  default void onDetach(String poolName, long connectionId) {}

  /**
   * A connection was found broken (failed validation or raised a fatal error) and will be
   * closed instead of reused.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   */
  default void onInvalidate(String poolName, long connectionId) {}

  /**
   * A connection has been held longer than {@code leakDetectionThreshold}.
   *
   * @param poolName the pool's name
   * @param connectionId the connection's id
   * @param heldNanos how long it has been held so far
   * @param borrowSite a throwable whose stack trace shows where it was borrowed
   */
  default void onLeakSuspected(String poolName, long connectionId, long heldNanos,
      Throwable borrowSite) {}

  /**
   * A borrower gave up after {@code acquireTimeout}.
   *
   * @param poolName the pool's name
   * @param waitedNanos how long it waited
   */
  default void onAcquireTimeout(String poolName, long waitedNanos) {}

  /**
   * A borrower found no idle connection and no room to open one, and had to queue.
   *
   * @param poolName the pool's name
   * @param waiting how many borrowers are queued, including this one
   */
  default void onPoolExhausted(String poolName, int waiting) {}
}
