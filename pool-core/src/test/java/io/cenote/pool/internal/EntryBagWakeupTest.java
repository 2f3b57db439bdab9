package io.cenote.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolClosedException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A waiter must not sleep through its wake-up. {@code LockSupport}'s permit is one bit, and
 * asking the creator for a new entry ({@link EntryBag.WaitGate#demand()}) goes through the
 * creator executor's queue lock, whose contended {@code lock()} parks and uses up a permit that
 * a hand-off or {@code wakeAll()} delivered meanwhile. Here {@code demand()} blocks on a lock the
 * test holds, the wake-up arrives while it is blocked, and the waiter must still return at once
 * rather than at its deadline 30 s later. Under load this showed as borrowers served exactly at
 * their acquireTimeout while thousands of others were served.
 */
@Tag("concurrency")
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EntryBagWakeupTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ReentrantLock creatorQueueLock = new ReentrantLock();
  private final EntryBag<String> bag = new EntryBag<>();
  private volatile boolean closed;
  private volatile Thread waiter;

  private final EntryBag.WaitGate gate = new EntryBag.WaitGate() {
    @Override
    public boolean lending() {
      return true;
    }

    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public PoolClosedException closedException() {
      return new PoolClosedException("wakeup");
    }

    @Override
    public void demand() {
      creatorQueueLock.lock();
      creatorQueueLock.unlock();
    }

    @Override
    public boolean demandMet() {
      return true;
    }
  };

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aHandOffDuringDemandIsNotMissed() throws Exception {
    // Arrange: the waiter queues and blocks in demand().
    PoolEntry<String> entry = new PoolEntry<>(1, "resource", 0, Long.MAX_VALUE, 0);
    bag.add(entry);
    Future<PoolEntry<String>> borrow = awaitBlockedInDemand();

    // Act: hand the entry over while the waiter is blocked, then let demand() finish.
    bag.release(entry, gate);
    creatorQueueLock.unlock();

    // Assert
    assertThat(borrow.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(entry);
  }

  @Test
  void aWakeAllAtShutdownDuringDemandIsNotMissed() throws Exception {
    // Arrange
    Future<PoolEntry<String>> borrow = awaitBlockedInDemand();

    // Act: the pool closes and wakes its waiters while this one is blocked in demand().
    closed = true;
    bag.wakeAll();
    creatorQueueLock.unlock();

    // Assert
    assertThat(borrow).failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(PoolClosedException.class);
  }

  private Future<PoolEntry<String>> awaitBlockedInDemand() throws InterruptedException {
    creatorQueueLock.lock();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Future<PoolEntry<String>> borrow = executor.submit(() -> {
      waiter = Thread.currentThread();
      return bag.await(deadline, gate);
    });
    long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(creatorQueueLock.hasQueuedThreads() && waiter != null
        && waiter.getState() == Thread.State.WAITING && bag.waiting() == 1)) {
      assertThat(System.nanoTime() - give).as("waiter blocked in demand()").isNegative();
      Thread.sleep(1);
    }
    return borrow;
  }
}
