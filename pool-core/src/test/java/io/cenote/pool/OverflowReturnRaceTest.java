package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.fault.FaultDriver;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many returns of overflow connections at once never close too many: the pool never ends a
 * round below maxSize (minIdle is 0, so nothing would refill a connection closed too many), and
 * borrowers racing for newly opened connections are all served. A return may keep a surplus
 * connection when it cannot tell for sure (the housekeeper trims it), never the other way.
 */
@Tag("concurrency")
class OverflowReturnRaceTest {

  private static final int MAX_SIZE = 4;
  private static final int MAX_OVERFLOW = 12;
  private static final int ROUNDS = 300;

  @Test
  void returnsRacingForTheLastSurplusNeverCloseTooMany() throws Exception {
    String url = FaultDriver.uniqueStubUrl();
    int threads = MAX_SIZE + MAX_OVERFLOW;
    List<Integer> totals = new ArrayList<>();
    try (ConnectionPool pool = ConnectionPool.create(stubConfig("overflow-race", url)
        .maxSize(MAX_SIZE).minIdle(0).maxOverflow(MAX_OVERFLOW).validateOnBorrow(false)
        .acquireTimeout(Duration.ofSeconds(10)).build())) {
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          CyclicBarrier allHeld = new CyclicBarrier(threads);
          List<Future<?>> work = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            work.add(executor.submit(() -> {
              try (Connection c = pool.getConnection()) {
                allHeld.await(10, TimeUnit.SECONDS); // every connection is out: all return at once
                return c.isClosed();
              }
            }));
          }
          for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
          }
          totals.add(pool.stats().total());
        }
      } finally {
        executor.shutdownNow();
      }
      pool.housekeep();
      assertThat(pool.stats().total()).as("after the housekeeper trimmed idle surplus")
          .isEqualTo(MAX_SIZE);
      System.out.printf("overflow returns: %d rounds of %d simultaneous returns, totals after"
          + " each round between %d and %d (maxSize %d)%n", ROUNDS, threads,
          totals.stream().mapToInt(Integer::intValue).min().orElse(-1),
          totals.stream().mapToInt(Integer::intValue).max().orElse(-1), MAX_SIZE);
    }
    assertThat(totals).as("connections left after each round")
        .allSatisfy(total -> assertThat(total).isGreaterThanOrEqualTo(MAX_SIZE));
  }
}
