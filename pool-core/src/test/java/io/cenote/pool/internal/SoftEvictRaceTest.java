package io.cenote.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.ResourceFactory;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Soft evictions from several threads at once are each counted: none is lost. */
@Tag("concurrency")
class SoftEvictRaceTest {

  private static final int THREADS = 4;
  private static final int EVICTIONS_PER_THREAD = 20_000;

  /** Resources that cost nothing, so the threads spend their time evicting. */
  private static final class Tokens implements ResourceFactory<Object> {
    @Override
    public Object create() {
      return new Object();
    }

    @Override
    public boolean validate(Object resource, Duration timeout) {
      return true;
    }

    @Override
    public void reset(Object resource) {}

    @Override
    public void destroy(Object resource) {}
  }

  @Test
  void concurrentSoftEvictionsAreAllCounted() throws Exception {
    Pool<Object> pool = new Pool<>(PoolConfig.builder().poolName("evict-race").maxSize(1)
        .minIdle(0).registerMbean(false).build(), new Tokens());
    pool.start();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier go = new CyclicBarrier(THREADS);
    try {
      Future<?>[] work = new Future<?>[THREADS];
      for (int t = 0; t < THREADS; t++) {
        work[t] = threads.submit(() -> {
          go.await();
          for (int i = 0; i < EVICTIONS_PER_THREAD; i++) {
            pool.softEvictAll();
          }
          return null;
        });
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdown();
      pool.close();
    }
    assertThat(pool.evictions()).isEqualTo(THREADS * EVICTIONS_PER_THREAD);
  }
}
