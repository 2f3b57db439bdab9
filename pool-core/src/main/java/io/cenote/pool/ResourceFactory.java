package io.cenote.pool;

import java.time.Duration;

/**
 * Creates, checks, resets and destroys the things a pool holds. The pooling engine depends only
 * on this interface, so the same engine can pool JDBC connections (its main adapter), HTTP
 * clients, sockets or anything else that is expensive to open.
 *
 * <p>Implementations must be thread-safe: the pool calls them from borrower threads and from its
 * background threads concurrently, though never concurrently for the same resource.
 *
 * @param <T> the pooled resource type
 */
public interface ResourceFactory<T> {

  /**
   * Opens a new resource.
   *
   * @return the new resource, never null
   * @throws Exception when it cannot be opened; the pool retries with backoff
   */
  T create() throws Exception;

  /**
   * Checks that an idle resource still works.
   *
   * @param resource the resource to check
   * @param timeout the longest the check may take
   * @return true when the resource is usable
   */
  boolean validate(T resource, Duration timeout);

  /**
   * Restores a returned resource to the state every borrower expects.
   *
   * @param resource the returned resource
   * @throws Exception when it cannot be reset; the pool then destroys it
   */
  void reset(T resource) throws Exception;

  /**
   * Closes a resource for good. Must not throw for an already broken resource.
   *
   * @param resource the resource to close
   */
  void destroy(T resource);

  /**
   * Forcibly ends a resource that may be stuck in use (a leaked or hung connection). The default
   * calls {@link #destroy(Object)}.
   *
   * @param resource the resource to abort
   */
  default void abort(T resource) {
    destroy(resource);
  }
}
