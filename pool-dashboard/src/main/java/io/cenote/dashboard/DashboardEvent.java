package io.cenote.dashboard;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the dashboard's event timeline, as {@link DashboardEvents} publishes it and
 * {@code GET /api/events} streams it.
 *
 * @param seq the publication number: 1, 2, 3... in the order the hub published them
 * @param time when it was published
 * @param source the pool, cluster host, cluster or scenario it is about
 * @param kind what happened: one of {@code connect, connect_failure, close, invalidate,
 *     exhausted, timeout, leak, excluded, readmitted, lagging, fallback, writer_changed, breaker,
 *     resize, pre_ping, suspend, resume, evict, scenario, fault, health, shutdown}
 * @param message a short human description; never a password, a user name or a JDBC URL
 */
public record DashboardEvent(long seq, Instant time, String source, String kind,
    String message) {

  /** Checks that every part is present and the number is positive. */
  public DashboardEvent {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, but was " + seq);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
