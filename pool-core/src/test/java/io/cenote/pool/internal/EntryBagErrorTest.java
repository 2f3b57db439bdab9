package io.cenote.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolClosedException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A waiter that leaves {@link EntryBag#await} by an {@link Error} leaves the queue too. */
class EntryBagErrorTest {

  /** A gate whose first {@code demand()} throws, as an OutOfMemoryError would. */
  private static final class FailingGate implements EntryBag.WaitGate {
    private int demands;

    @Override
    public boolean lending() {
      return true;
    }

    @Override
    public boolean closed() {
      return false;
    }

    @Override
    public PoolClosedException closedException() {
      return new PoolClosedException("bag");
    }

    @Override
    public boolean demandMet() {
      return true;
    }

    @Override
    public void demand() {
      if (demands++ == 0) {
        throw new StackOverflowError("simulated");
      }
    }
  }

  @Test
  void anErrorInAwaitLeavesNoGhostAtTheHeadOfTheQueue() throws Exception {
    EntryBag<String> bag = new EntryBag<>();
    FailingGate gate = new FailingGate();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);

    assertThatThrownBy(() -> bag.await(deadline, gate)).isInstanceOf(StackOverflowError.class);

    assertThat(bag.waiting()).isZero();
    assertThat(bag.noWaiters()).as("the failed waiter left the queue").isTrue();
    PoolEntry<String> entry = new PoolEntry<>(1, "resource", 0, Long.MAX_VALUE, 0);
    bag.add(entry);
    bag.release(entry, gate);
    // Only the head of the queue may take idle entries: a ghost head would starve this borrow.
    PoolEntry<String> taken = bag.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(5), gate);
    assertThat(taken).isSameAs(entry);
  }
}
