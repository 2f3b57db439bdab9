package io.cenote.pool.internal;

import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans pool events out to the configured listeners. Callers check {@link #enabled()} before
 * building any event data, so a pool nobody listens to pays one final-field read per event.
 * A failing listener is logged and never disturbs the pool.
 */
public final class Events {

  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final String poolName;
  private final PoolListener[] listeners;
  private final boolean enabled;

  /**
   * Creates the dispatcher.
   *
   * @param poolName the pool's name
   * @param listeners the listeners, possibly empty
   */
  public Events(String poolName, List<PoolListener> listeners) {
    this.poolName = poolName;
    this.listeners = listeners.toArray(new PoolListener[0]);
    this.enabled = this.listeners.length > 0;
  }

  /** @return true when at least one listener is registered */
  public boolean enabled() {
    return enabled;
  }

  void connect(long id, long nanos) {
    for (PoolListener l : listeners) {
      try {
        l.onConnect(poolName, id, nanos);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void connectFailure(Throwable cause) {
    for (PoolListener l : listeners) {
      try {
        l.onConnectFailure(poolName, cause);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void checkout(long id, long waitNanos) {
    for (PoolListener l : listeners) {
      try {
        l.onCheckout(poolName, id, waitNanos);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void checkin(long id, long holdNanos) {
    for (PoolListener l : listeners) {
      try {
        l.onCheckin(poolName, id, holdNanos);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void close(long id, CloseReason reason) {
    for (PoolListener l : listeners) {
      try {
        l.onClose(poolName, id, reason);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void detach(long id) {
    for (PoolListener l : listeners) {
      try {
        l.onDetach(poolName, id);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void invalidate(long id) {
    for (PoolListener l : listeners) {
      try {
        l.onInvalidate(poolName, id);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void leakSuspected(long id, long heldNanos, Throwable site) {
    for (PoolListener l : listeners) {
      try {
        l.onLeakSuspected(poolName, id, heldNanos, site);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void acquireTimeout(long waitedNanos) {
    for (PoolListener l : listeners) {
      try {
        l.onAcquireTimeout(poolName, waitedNanos);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void exhausted(int waiting) {
    for (PoolListener l : listeners) {
      try {
        l.onPoolExhausted(poolName, waiting);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  private void failed(RuntimeException e) {
    log.warn("[{}] a pool listener failed; the pool carries on", poolName, e);
  }
}
