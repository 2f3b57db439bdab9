package io.cenote.router.internal;

import io.cenote.pool.Ticker;
import io.cenote.router.Session;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the router knows about one session: when it last wrote, and how many primary
 * connections with an open transaction it holds. Thread-safe; reading it allocates nothing.
 */
public final class SessionState implements Session {

  private final Object owner;
  private final Ticker ticker;
  private final AtomicInteger openTransactions = new AtomicInteger();
  private volatile long lastWriteNanos;
  private volatile boolean wrote;

  /**
   * Creates a session.
   *
   * @param owner the router it belongs to
   * @param ticker the cluster's time source
   */
  SessionState(Object owner, Ticker ticker) {
    this.owner = owner;
    this.ticker = ticker;
  }

  @Override
  public void markWritten() {
    lastWriteNanos = ticker.read();
    wrote = true;
  }

  /** @return true when this session belongs to {@code router} */
  boolean belongsTo(Object router) {
    return owner == router;
  }

  /** @return true when the session wrote less than {@code windowNanos} ago */
  boolean wroteWithin(long windowNanos) {
    return wrote && ticker.read() - lastWriteNanos < windowNanos;
  }

  /** @return true while the session holds a primary connection inside a transaction */
  boolean inWriteTransaction() {
    return openTransactions.get() > 0;
  }

  /** A primary connection of this session entered a transaction. */
  void transactionBegan() {
    openTransactions.incrementAndGet();
  }

  /** A primary connection of this session left its transaction (or was closed). */
  void transactionEnded() {
    openTransactions.decrementAndGet();
  }
}
