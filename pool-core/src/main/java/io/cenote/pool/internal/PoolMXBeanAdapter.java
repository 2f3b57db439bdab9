package io.cenote.pool.internal;

import io.cenote.pool.PoolMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposes a {@link Pool} over JMX and manages the registration. Gauges and sizes are read live
 * from the engine, so a monitoring agent polling every attribute does not build a statistics
 * snapshot (and its percentiles) per attribute; counters and percentiles come from
 * {@link Pool#stats()}.
 */
public final class PoolMXBeanAdapter implements PoolMXBean {

  private static final Logger log = LoggerFactory.getLogger(PoolMXBeanAdapter.class);

  private final Pool<?> pool;
  private ObjectName name;

  private PoolMXBeanAdapter(Pool<?> pool) {
    this.pool = pool;
  }

  /**
   * Registers the pool's MXBean; a failure (such as a name already taken) is logged, not fatal.
   *
   * @param pool the pool
   * @return the adapter, to {@link #unregister()} at shutdown
   */
  public static PoolMXBeanAdapter register(Pool<?> pool) {
    PoolMXBeanAdapter adapter = new PoolMXBeanAdapter(pool);
    try {
      ObjectName objectName = new ObjectName("io.cenote.pool:type=Pool,name=" + pool.name());
      ManagementFactory.getPlatformMBeanServer().registerMBean(adapter, objectName);
      adapter.name = objectName;
    } catch (JMException e) {
      log.warn("[{}] could not register the pool MXBean: {}", pool.name(), e.toString());
    }
    return adapter;
  }

  /** Removes the registration, if there is one. */
  public void unregister() {
    if (name == null) {
      return;
    }
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(name);
    } catch (JMException e) {
      log.debug("[{}] could not unregister the pool MXBean: {}", pool.name(), e.toString());
    }
    name = null;
  }

  @Override
  public int getTotalConnections() {
    return pool.bag.open();
  }

  @Override
  public int getActiveConnections() {
    return pool.active();
  }

  @Override
  public int getIdleConnections() {
    return pool.bag.count(PoolEntry.IDLE);
  }

  @Override
  public int getWaitingThreads() {
    return pool.waiting();
  }

  @Override
  public int getMaxSize() {
    return pool.maxSize();
  }

  @Override
  public int getMinIdle() {
    return pool.minIdle();
  }

  @Override
  public int getMaxOverflow() {
    return pool.maxOverflow();
  }

  @Override
  public long getAcquired() {
    return pool.stats().acquired();
  }

  @Override
  public long getTimeouts() {
    return pool.metrics.timeouts.sum();
  }

  @Override
  public double getWaitP99Millis() {
    return pool.stats().waitTime().p99().toNanos() / 1e6;
  }

  @Override
  public double getHoldP99Millis() {
    return pool.stats().holdTime().p99().toNanos() / 1e6;
  }

  @Override
  public double getHitRate() {
    return pool.stats().hitRate();
  }

  @Override
  public String getHealth() {
    return pool.health().status().name();
  }

  @Override
  public boolean isValidateOnBorrow() {
    return pool.validateOnBorrow();
  }

  @Override
  public void setValidateOnBorrow(boolean enabled) {
    pool.setValidateOnBorrow(enabled);
  }

  @Override
  public void setMaxSize(int maxSize) {
    pool.resize(Math.min(pool.minIdle(), maxSize), maxSize, pool.maxOverflow());
  }

  @Override
  public void setMinIdle(int minIdle) {
    pool.resize(minIdle, pool.maxSize(), pool.maxOverflow());
  }

  @Override
  public void setMaxOverflow(int maxOverflow) {
    pool.resize(pool.minIdle(), pool.maxSize(), maxOverflow);
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
}
