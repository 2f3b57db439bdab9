package io.cenote.router.internal;

import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.router.RouterListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a cluster's events out to its listeners; callers of the per-read events check
 * {@link #enabled()} first. A failing listener is logged and never disturbs routing.
 */
final class Events {

  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final String cluster;
  private final RouterListener[] listeners;
  private final boolean enabled;

  Events(String cluster, List<RouterListener> listeners) {
    this.cluster = cluster;
    this.listeners = listeners.toArray(new RouterListener[0]);
    this.enabled = this.listeners.length > 0;
  }

  boolean enabled() {
    return enabled;
  }

  void selected(Host host, boolean write) {
    for (RouterListener l : listeners) {
      try {
        l.onSelected(cluster, host.name(), write);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void excluded(Host host, ExclusionReason reason, String detail) {
    for (RouterListener l : listeners) {
      try {
        l.onExcluded(cluster, host.name(), reason, detail);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void readmitted(Host host, long excludedNanos) {
    for (RouterListener l : listeners) {
      try {
        l.onReadmitted(cluster, host.name(), excludedNanos);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void lagging(Host host, ReplicationLag lag) {
    for (RouterListener l : listeners) {
      try {
        l.onLagging(cluster, host.name(), lag);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void fallback(Host primary) {
    for (RouterListener l : listeners) {
      try {
        l.onFallbackToPrimary(cluster, primary.name());
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  void writerChanged(Host from, Host to) {
    for (RouterListener l : listeners) {
      try {
        l.onWriterChanged(cluster, from == null ? null : from.name(),
            to == null ? null : to.name());
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  private void failed(RuntimeException e) {
    log.warn("[{}] a router listener failed; routing carries on", cluster, e);
  }
}
