package io.cenote.pool;

/**
 * A pool seen through {@link PoolControl} only: every method delegates, and the object is not
 * the pool, so no cast turns it back into something that lends or closes. Returned by
 * {@link AbstractPool#control()}.
 */
final class ControlView implements PoolControl {

  private final AbstractPool pool;

  ControlView(AbstractPool pool) {
    this.pool = pool;
  }

  @Override
  public String poolName() {
    return pool.poolName();
  }

  @Override
  public PoolConfig config() {
    return pool.config();
  }

  @Override
  public PoolStats stats() {
    return pool.stats();
  }

  @Override
  public PoolHealth health() {
    return pool.health();
  }

  @Override
  public int activeCount() {
    return pool.activeCount();
  }

  @Override
  public int waitingCount() {
    return pool.waitingCount();
  }

  @Override
  public int capacity() {
    return pool.capacity();
  }

  @Override
  public int maxSize() {
    return pool.maxSize();
  }

  @Override
  public int minIdle() {
    return pool.minIdle();
  }

  @Override
  public int maxOverflow() {
    return pool.maxOverflow();
  }

  @Override
  public boolean validateOnBorrow() {
    return pool.validateOnBorrow();
  }

  @Override
  public void setValidateOnBorrow(boolean enabled) {
    pool.setValidateOnBorrow(enabled);
  }

  @Override
  public void resize(int minIdle, int maxSize, int maxOverflow) {
    pool.resize(minIdle, maxSize, maxOverflow);
  }

  @Override
  public void suspend() {
    pool.suspend();
  }

  @Override
  public void resume() {
    pool.resume();
  }

  @Override
  public void softEvictAll() {
    pool.softEvictAll();
  }

  @Override
  public int warmUp(int connections) {
    return pool.warmUp(connections);
  }

  @Override
  public void housekeep() {
    pool.housekeep();
  }

  @Override
  public boolean isClosed() {
    return pool.isClosed();
  }

  @Override
  public String toString() {
    return "PoolControl{" + pool.poolName() + "}";
  }
}
