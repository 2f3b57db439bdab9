package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.await;
import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolTestSupport.RecordingListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine pooling something that is not a JDBC connection. */
class ResourcePoolTest {

  private final Factory factory = new Factory();
  private final ManualTicker ticker = new ManualTicker();
  private final RecordingListener listener = new RecordingListener();
  private ResourcePool<Resource> pool;

  private PoolConfig.Builder config() {
    return PoolConfig.builder().poolName(PoolTestSupport.uniqueName("resources"))
        .registerMbean(false).maxSize(1).minIdle(1).ticker(ticker).listener(listener)
        .acquireTimeout(Duration.ofSeconds(5)).shutdownGracePeriod(Duration.ofMillis(100))
        .maxLifetime(Duration.ZERO).idleTimeout(Duration.ZERO).keepaliveInterval(Duration.ZERO);
  }

  private ResourcePool<Resource> start(PoolConfig.Builder builder) {
    pool = ResourcePool.create(builder.build(), factory);
    return pool;
  }

  @AfterEach
  void closeAndCheckEverythingWasDestroyed() {
    if (pool != null) {
      pool.close();
      assertThat(factory.live()).as("resources created but never destroyed").isEmpty();
    }
  }

  @Test
  void aLeaseLendsAResourceAndClosingReturnsIt() throws Exception {
    start(config());

    Resource first;
    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      first = lease.get();
      assertThat(first.destroyed).isFalse();
      assertThat(pool.stats().active()).isEqualTo(1);
    }
    assertThat(factory.resets.get()).isEqualTo(1);
    assertThat(pool.stats().idle()).isEqualTo(1);

    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      assertThat(lease.get()).isSameAs(first);
    }
    assertThat(factory.created.get()).isEqualTo(1);
    assertThat(pool.stats().acquired()).isEqualTo(2);
  }

  @Test
  void aClosedLeaseRefusesGetAndClosingTwiceIsHarmless() throws Exception {
    start(config());
    ResourcePool.Lease<Resource> lease = pool.acquire();
    lease.close();
    ResourcePool.Lease<Resource> next = pool.acquire();

    assertThatThrownBy(lease::get).isInstanceOf(IllegalStateException.class)
        .hasMessage("lease is closed");
    assertThatCode(lease::close).doesNotThrowAnyException();
    assertThatCode(lease::invalidate).doesNotThrowAnyException();

    assertThat(pool.stats().active()).as("the next lease is untouched").isEqualTo(1);
    assertThat(next.get().destroyed).isFalse();
    next.close();
    assertThat(factory.resets.get()).isEqualTo(2);
  }

  @Test
  void invalidateDestroysTheResourceInsteadOfReturningIt() throws Exception {
    start(config());
    ResourcePool.Lease<Resource> lease = pool.acquire();
    Resource broken = lease.get();

    lease.invalidate();

    assertThat(broken.destroyed).isTrue();
    assertThat(factory.resets.get()).isZero();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    assertThat(listener.ofType("invalidate")).hasSize(1);
    try (ResourcePool.Lease<Resource> again = pool.acquire()) {
      assertThat(again.get()).isNotSameAs(broken);
    }
  }

  @Test
  void aResourceFailingValidationIsReplaced() throws Exception {
    start(config().validateOnBorrow(true).validationBypassWindow(Duration.ofMillis(500))
        .validationTimeout(Duration.ofSeconds(1)));
    Resource original;
    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      original = lease.get();
    }
    assertThat(factory.validations.get()).as("within the bypass window").isZero();

    ticker.advance(Duration.ofSeconds(1));
    original.valid = false;
    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      assertThat(lease.get()).isNotSameAs(original);
    }

    assertThat(original.destroyed).isTrue();
    assertThat(factory.validations.get()).isEqualTo(1);
    assertThat(pool.stats().validationFailures()).isEqualTo(1);
    assertThat(factory.lastValidationTimeout).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aValidatorThatThrowsCountsAsAFailure() throws Exception {
    start(config().validateOnBorrow(true));
    Resource original;
    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      original = lease.get();
    }
    original.throwOnValidate = true;
    ticker.advance(Duration.ofSeconds(1));

    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      assertThat(lease.get()).isNotSameAs(original);
    }
    assertThat(pool.stats().validationFailures()).isEqualTo(1);
  }

  @Test
  void aResourceThatCannotBeResetIsDestroyed() throws Exception {
    start(config());
    ResourcePool.Lease<Resource> lease = pool.acquire();
    Resource r = lease.get();
    r.failReset = true;

    lease.close();

    assertThat(r.destroyed).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    try (ResourcePool.Lease<Resource> again = pool.acquire()) {
      assertThat(again.get()).isNotSameAs(r);
    }
  }

  @Test
  void aTimeoutIsATimeoutExceptionNamingThePool() throws Exception {
    start(config().acquireTimeout(Duration.ofMillis(100)));
    try (ResourcePool.Lease<Resource> held = pool.acquire()) {
      assertThatThrownBy(pool::acquire).isInstanceOf(TimeoutException.class)
          .hasMessageStartingWith("pool '" + pool.poolName() + "' could not lend")
          .hasMessageContaining("total=1, active=1, idle=0")
          .hasNoCause();
      assertThat(held.get()).isNotNull();
    }
    assertThat(pool.stats().timeouts()).isEqualTo(1);
  }

  @Test
  void aTimeoutCarriesTheLastCreationError() throws Exception {
    start(config().maxSize(2).minIdle(0).acquireTimeout(Duration.ofMillis(200)));
    try (ResourcePool.Lease<Resource> held = pool.acquire()) {
      factory.failCreates.set(Integer.MAX_VALUE);

      assertThatThrownBy(pool::acquire).isInstanceOf(TimeoutException.class)
          .cause().isInstanceOf(IOException.class).hasMessage("refused");
      assertThat(held.get()).isNotNull();
    }
    assertThat(pool.stats().creationFailures()).isPositive();
  }

  @Test
  void creationIsRetriedUntilItWorks() throws Exception {
    factory.failCreates.set(3);

    start(config());

    assertThat(factory.created.get()).isEqualTo(1);
    assertThat(pool.stats().creationFailures()).isEqualTo(3);
    assertThat(listener.ofType("connectFailure")).hasSize(3);
  }

  @Test
  void startUpFailsWithTheFactorysError() {
    factory.failCreates.set(Integer.MAX_VALUE);
    PoolConfig c = config().initializationFailTimeout(Duration.ofMillis(100)).build();

    assertThatThrownBy(() -> ResourcePool.create(c, factory))
        .isInstanceOf(PoolInitializationException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void anInterruptedWaiterGetsInterruptedException() throws Exception {
    start(config());
    try (ResourcePool.Lease<Resource> held = pool.acquire()) {
      Thread[] thread = new Thread[1];
      FutureTask<Boolean> waiter = inThread("resource-waiter", () -> {
        thread[0] = Thread.currentThread();
        try {
          pool.acquire().close();
          return false;
        } catch (InterruptedException e) {
          return true;
        }
      });
      awaitWaiting(pool, 1);

      thread[0].interrupt();

      assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(held.get()).isNotNull();
    }
    assertThat(pool.stats().waiting()).isZero();
    assertThat(pool.stats().idle()).isEqualTo(1);
  }

  @Test
  void lifetimeAndIdleTimeoutApply() throws Exception {
    start(config().maxSize(2).minIdle(1).maxLifetime(Duration.ofMinutes(30))
        .idleTimeout(Duration.ofMinutes(1)));
    ResourcePool.Lease<Resource> a = pool.acquire();
    ResourcePool.Lease<Resource> b = pool.acquire();
    a.close();
    b.close();

    ticker.advance(Duration.ofMinutes(2));
    pool.housekeep();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.IDLE, 1L);

    ticker.advance(Duration.ofMinutes(30));
    pool.housekeep();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.LIFETIME, 1L);
    awaitTotal(pool, 1);
  }

  @Test
  void aLeakedResourceIsAbortedAndItsLateCloseIsHarmless() throws Exception {
    start(config().leakDetectionThreshold(Duration.ofSeconds(1))
        .leakReclaim(Duration.ofSeconds(2)));
    ResourcePool.Lease<Resource> leaked = pool.acquire();
    Resource r = leaked.get();

    ticker.advance(Duration.ofSeconds(3));
    pool.housekeep();

    assertThat(r.aborted).isTrue();
    assertThat(listener.ofType("leak")).hasSize(1);
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.LEAK, 1L);
    try (ResourcePool.Lease<Resource> next = pool.acquire()) {
      assertThat(next.get()).isNotSameAs(r);
      leaked.close();
      assertThat(pool.stats().active()).isEqualTo(1);
    }
    assertThat(factory.resets.get()).as("the leaked one was never reset").isEqualTo(1);
  }

  @Test
  void theDefaultAbortDestroys() throws Exception {
    ResourceFactory<Resource> plain = new ResourceFactory<>() {
      @Override
      public Resource create() throws Exception {
        return factory.create();
      }

      @Override
      public boolean validate(Resource resource, Duration timeout) {
        return true;
      }

      @Override
      public void reset(Resource resource) {}

      @Override
      public void destroy(Resource resource) {
        factory.destroy(resource);
      }
    };
    ResourcePool<Resource> plainPool = ResourcePool.create(config()
        .leakDetectionThreshold(Duration.ofSeconds(1)).leakReclaim(Duration.ofSeconds(2))
        .build(), plain);
    try {
      Resource r = plainPool.acquire().get();
      ticker.advance(Duration.ofSeconds(3));
      plainPool.housekeep();

      assertThat(r.destroyed).isTrue();
      assertThat(r.aborted).isFalse();
    } finally {
      plainPool.close();
    }
  }

  @Test
  void closeDestroysEveryResource() {
    start(config().maxSize(3).minIdle(3));
    awaitTotal(pool, 3);

    pool.close();

    assertThat(factory.destroyed.get()).isEqualTo(3);
    assertThat(factory.live()).isEmpty();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.SHUTDOWN, 3L);
  }

  @Test
  void runtimeControlWorksAsForConnections() throws Exception {
    start(config().maxSize(2).minIdle(2));
    awaitTotal(pool, 2);

    pool.softEvictAll();
    await("refill", () -> factory.created.get() == 4 && pool.stats().total() == 2);
    pool.resize(0, 1, 0);
    assertThat(pool.stats().total()).isEqualTo(1);
    assertThat(pool.warmUp(5)).isZero();
    pool.suspend();
    assertThat(pool.health().alerts()).contains("pool is suspended");
    pool.resume();
    try (ResourcePool.Lease<Resource> lease = pool.acquire()) {
      assertThat(lease.get()).isNotNull();
    }
  }

  @Test
  void aFactoryIsRequired() {
    PoolConfig c = config().build();

    assertThatThrownBy(() -> ResourcePool.create(c, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("factory");
    assertThatThrownBy(() -> ResourcePool.create(null, factory))
        .isInstanceOf(NullPointerException.class).hasMessage("config");
  }

  // ---- the pooled thing -----------------------------------------------------------------------

  static final class Resource {
    final int id;
    volatile boolean valid = true;
    volatile boolean throwOnValidate;
    volatile boolean failReset;
    volatile boolean destroyed;
    volatile boolean aborted;

    Resource(int id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return "Resource" + id;
    }
  }

  static final class Factory implements ResourceFactory<Resource> {
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger destroyed = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger failCreates = new AtomicInteger();
    final List<Resource> all = new CopyOnWriteArrayList<>();
    volatile Duration lastValidationTimeout;

    @Override
    public Resource create() throws Exception {
      if (failCreates.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
        throw new IOException("refused");
      }
      Resource r = new Resource(created.incrementAndGet());
      all.add(r);
      return r;
    }

    @Override
    public boolean validate(Resource resource, Duration timeout) {
      validations.incrementAndGet();
      lastValidationTimeout = timeout;
      if (resource.throwOnValidate) {
        throw new IllegalStateException("validator bug");
      }
      return resource.valid;
    }

    @Override
    public void reset(Resource resource) throws Exception {
      if (resource.failReset) {
        throw new IOException("cannot reset");
      }
      resets.incrementAndGet();
    }

    @Override
    public void destroy(Resource resource) {
      destroyed.incrementAndGet();
      resource.destroyed = true;
    }

    @Override
    public void abort(Resource resource) {
      resource.aborted = true;
      destroy(resource);
    }

    List<Resource> live() {
      return all.stream().filter(r -> !r.destroyed).toList();
    }
  }
}
