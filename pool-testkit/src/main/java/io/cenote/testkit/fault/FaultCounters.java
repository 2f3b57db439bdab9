package io.cenote.testkit.fault;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of what the connections of one {@link FaultPlan} did; the global plan's counters
 * add up every plan. Counters only grow (except {@link #open()}), are exact under any amount of
 * concurrency, and are cheap to update: high-rate events use {@link LongAdder}, while the number
 * of open connections is an {@link AtomicLong} so the peak can be tracked exactly.
 *
 * <pre>{@code
 * FaultCounters counters = FaultDriver.plan("stub:orders").counters();
 * long before = counters.statementsExecuted();
 * runWorkload();
 * assertThat(counters.statementsExecuted() - before).isEqualTo(100);
 * }</pre>
 *
 * <p>What counts: {@link #isValidCalls()} counts every {@code isValid} call; statements, commits
 * and rollbacks count calls made on a usable connection (not closed, not broken), before any fault
 * is injected into them, so a statement that then fails or hangs still counts.
 */
public final class FaultCounters {

  private final FaultCounters parent;
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final AtomicLong open = new AtomicLong();
  private final AtomicLong peakOpen = new AtomicLong();
  private final LongAdder connectAttempts = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder isValidCalls = new LongAdder();
  private final LongAdder statementsExecuted = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();

  /** Creates counters that also feed {@code parent} (the global counters), if not null. */
  FaultCounters(FaultCounters parent) {
    this.parent = parent;
  }

  void connectAttempted() {
    connectAttempts.increment();
    if (parent != null) {
      parent.connectAttempted();
    }
  }

  void connectFailed() {
    connectFailures.increment();
    if (parent != null) {
      parent.connectFailed();
    }
  }

  void connectionOpened() {
    opened.increment();
    long now = open.incrementAndGet();
    if (now > peakOpen.get()) {
      peakOpen.accumulateAndGet(now, Math::max);
    }
    if (parent != null) {
      parent.connectionOpened();
    }
  }

  void connectionClosed() {
    closed.increment();
    open.decrementAndGet();
    if (parent != null) {
      parent.connectionClosed();
    }
  }

  void isValidCalled() {
    isValidCalls.increment();
    if (parent != null) {
      parent.isValidCalled();
    }
  }

  void statementExecuted() {
    statementsExecuted.increment();
    if (parent != null) {
      parent.statementExecuted();
    }
  }

  void committed() {
    commits.increment();
    if (parent != null) {
      parent.committed();
    }
  }

  void rolledBack() {
    rollbacks.increment();
    if (parent != null) {
      parent.rolledBack();
    }
  }

  /**
   * Returns how many physical connections were opened successfully.
   *
   * @return the count
   */
  public long opened() {
    return opened.sum();
  }

  /**
   * Returns how many physical connections were closed; an abort counts as a close, and a
   * connection is counted once however often it is closed.
   *
   * @return the count
   */
  public long closed() {
    return closed.sum();
  }

  /**
   * Returns how many physical connections are open now ({@code opened - closed}).
   *
   * @return the count
   */
  public long open() {
    return open.get();
  }

  /**
   * Returns the most connections that were ever open at the same time.
   *
   * @return the peak
   */
  public long peakOpen() {
    return peakOpen.get();
  }

  /**
   * Restarts peak tracking from the number of connections open now, so a test can measure the
   * peak of one phase.
   */
  public void resetPeak() {
    peakOpen.set(open.get());
  }

  /**
   * Returns how many times {@code Driver.connect} was called for this plan.
   *
   * @return the count
   */
  public long connectAttempts() {
    return connectAttempts.sum();
  }

  /**
   * Returns how many connect attempts threw, whether the failure was injected or came from the real
   * driver.
   *
   * @return the count
   */
  public long connectFailures() {
    return connectFailures.sum();
  }

  /**
   * Returns how many times {@code Connection.isValid} was called.
   *
   * @return the count
   */
  public long isValidCalls() {
    return isValidCalls.sum();
  }

  /**
   * Returns how many statement executions reached the server.
   *
   * @return the count
   */
  public long statementsExecuted() {
    return statementsExecuted.sum();
  }

  /**
   * Returns how many commits reached the server.
   *
   * @return the count
   */
  public long commits() {
    return commits.sum();
  }

  /**
   * Returns how many rollbacks reached the server.
   *
   * @return the count
   */
  public long rollbacks() {
    return rollbacks.sum();
  }

  /**
   * Copies the counters into an immutable snapshot.
   *
   * @return the snapshot
   */
  public FaultStats snapshot() {
    return new FaultStats(opened(), closed(), open(), peakOpen(), connectAttempts(),
        connectFailures(), isValidCalls(), statementsExecuted(), commits(), rollbacks());
  }

  /**
   * Describes the counters, for test failure messages.
   *
   * @return the snapshot's text
   */
  @Override
  public String toString() {
    return snapshot().toString();
  }
}
