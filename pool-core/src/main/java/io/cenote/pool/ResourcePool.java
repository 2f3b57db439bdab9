package io.cenote.pool;

import io.cenote.pool.internal.Pool;
import io.cenote.pool.internal.PoolEntry;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The same pooling engine as {@link ConnectionPool}, for anything else that is expensive to
 * open: an HTTP client, a socket, a parser. Sizing, lifetime, idle timeout, validation,
 * keepalive, leak detection, statistics, events and runtime control all work as for
 * connections; the connection source and JDBC state settings of {@link PoolConfig} are ignored.
 *
 * <pre>{@code
 * try (ResourcePool<Socket> pool = ResourcePool.create(config, socketFactory);
 *      ResourcePool.Lease<Socket> lease = pool.acquire()) {
 *   use(lease.get());
 * }
 * }</pre>
 *
 * @param <T> the pooled resource type
 */
public final class ResourcePool<T> extends AbstractPool {

  private final Pool<T> engine;
  private final long acquireTimeoutNanos;

  private ResourcePool(Pool<T> engine, PoolConfig config) {
    super(engine, config);
    this.engine = engine;
    this.acquireTimeoutNanos = config.acquireTimeout().toNanos();
  }

  /**
   * Creates and starts a pool of resources made by {@code factory}.
   *
   * @param config sizing, timeouts and behaviour
   * @param factory creates, validates, resets and destroys resources
   * @param <T> the resource type
   * @return the started pool
   * @throws PoolInitializationException when the first resource cannot be created in time
   */
  public static <T> ResourcePool<T> create(PoolConfig config, ResourceFactory<T> factory) {
    Objects.requireNonNull(config, "config");
    return new ResourcePool<>(new Pool<>(config, Objects.requireNonNull(factory, "factory")),
        config);
  }

  /**
   * Borrows a resource, waiting up to {@code acquireTimeout}.
   *
   * @return the lease; close it to return the resource
   * @throws TimeoutException when none became free in time (cause: last creation error)
   * @throws InterruptedException when interrupted while waiting
   * @throws PoolClosedException when the pool is closed
   */
  public Lease<T> acquire() throws TimeoutException, InterruptedException {
    return new Lease<>(engine, engine.acquire(acquireTimeoutNanos));
  }

  /**
   * One borrow of one resource. Closing returns the resource; closing twice is harmless.
   *
   * @param <T> the resource type
   */
  public static final class Lease<T> implements AutoCloseable {
    private final Pool<T> pool;
    private final PoolEntry<T> entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Pool<T> pool, PoolEntry<T> entry) {
      this.pool = pool;
      this.entry = entry;
    }

    /**
     * Returns the borrowed resource.
     *
     * @return the resource
     * @throws IllegalStateException after the lease was closed
     */
    public T get() {
      if (closed.get()) {
        throw new IllegalStateException("lease is closed");
      }
      return entry.resource();
    }

    /** Destroys the resource instead of returning it, for one the caller knows is broken. */
    public void invalidate() {
      if (closed.compareAndSet(false, true)) {
        pool.invalidate(entry);
      }
    }

    /** Returns the resource to the pool. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        pool.release(entry);
      }
    }
  }
}
