package io.cenote.pool;

import io.cenote.pool.internal.Pool;
import io.cenote.pool.internal.PoolMXBeanAdapter;

/**
 * What every Cenote pool offers whatever it holds: the {@link PoolControl} view (statistics,
 * health, live gauges, runtime control) and shutdown. {@link ConnectionPool} and
 * {@link ResourcePool} extend it and add lending.
 */
abstract class AbstractPool implements PoolControl, AutoCloseable {

  private final Pool<?> engine;
  private final PoolConfig config;
  private final PoolMXBeanAdapter mbean;
  private final PoolControl control = new ControlView(this);

  AbstractPool(Pool<?> engine, PoolConfig config) {
    this.engine = engine;
    this.config = config;
    engine.start();
    this.mbean = config.registerMbean() ? PoolMXBeanAdapter.register(engine) : null;
  }

  /**
   * Returns this pool as {@link PoolControl} only: statistics, gauges and runtime control, but
   * no way to borrow or close, not even by a cast. An owner that must not let others borrow
   * around it (a cluster routing between its hosts, a resilient pool behind its breaker) hands
   * this out instead of the pool.
   *
   * @return the view (always the same instance)
   */
  public PoolControl control() {
    return control;
  }

  @Override
  public String poolName() {
    return engine.name();
  }

  @Override
  public PoolConfig config() {
    return config;
  }

  @Override
  public PoolStats stats() {
    return engine.stats();
  }

  @Override
  public PoolHealth health() {
    return engine.health();
  }

  @Override
  public int activeCount() {
    return engine.active();
  }

  @Override
  public int waitingCount() {
    return engine.waiting();
  }

  @Override
  public int capacity() {
    return engine.capacity();
  }

  @Override
  public int maxSize() {
    return engine.maxSize();
  }

  @Override
  public int minIdle() {
    return engine.minIdle();
  }

  @Override
  public int maxOverflow() {
    return engine.maxOverflow();
  }

  @Override
  public boolean validateOnBorrow() {
    return engine.validateOnBorrow();
  }

  @Override
  public void setValidateOnBorrow(boolean enabled) {
    engine.setValidateOnBorrow(enabled);
  }

  @Override
  public void resize(int minIdle, int maxSize, int maxOverflow) {
    engine.resize(minIdle, maxSize, maxOverflow);
  }

  @Override
  public void suspend() {
    engine.suspend();
  }

  @Override
  public void resume() {
    engine.resume();
  }

  @Override
  public void softEvictAll() {
    engine.softEvictAll();
  }

  @Override
  public int warmUp(int connections) {
    return engine.warmUp(connections);
  }

  @Override
  public void housekeep() {
    engine.housekeep();
  }

  @Override
  public boolean isClosed() {
    return engine.isClosed();
  }

  /**
   * Shuts down: refuses new borrows, wakes waiters with an error, closes idle connections, waits
   * {@code shutdownGracePeriod} for borrowed ones and then aborts them. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
    if (mbean != null) {
      mbean.unregister();
    }
  }
}
