package io.cenote.examples.simulator;

import java.util.Objects;

/**
 * Something that happened during a scenario, at a moment: a lifecycle event of the pool, a
 * routing or breaker change, a fault the scenario caused, or the start of a phase.
 *
 * @param second seconds since the scenario started
 * @param kind what sort of event
 * @param message what happened, in words; never a password or a full JDBC URL
 */
public record SimEvent(double second, Kind kind, String message) {

  /** Validates the fields. */
  public SimEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The sorts of event, each with the tag the console prints. */
  public enum Kind {
    /** A phase of the scenario began. */
    PHASE("PHASE"),
    /** The scenario changed the database or the load: a restart, an outage, slowness. */
    FAULT("FAULT"),
    /** A physical connection was opened. */
    CONNECT("CONNECT"),
    /** Opening a connection failed. */
    CONNECT_FAILURE("CONN FAIL"),
    /** A connection was lent to a client; recorded only with {@code ECHO_POOL}. */
    CHECKOUT("CHECKOUT"),
    /** A client returned a connection; recorded only with {@code ECHO_POOL}. */
    CHECKIN("CHECKIN"),
    /** A physical connection was closed, with the reason. */
    CLOSE("CLOSE"),
    /** A connection failed validation or a fatal error and is replaced. */
    INVALID("INVALID"),
    /** A borrower found the pool empty and queued. */
    EXHAUSTED("EXHAUSTED"),
    /** A borrower gave up after acquireTimeout. */
    TIMEOUT("TIMEOUT"),
    /** A connection was held past the leak threshold. */
    LEAK("LEAK"),
    /** A client request failed. */
    FAILURE("FAILED"),
    /** The pool's health verdict changed. */
    HEALTH("HEALTH"),
    /** maxSize changed. */
    RESIZE("RESIZE"),
    /** The router excluded a host. */
    EXCLUDED("EXCLUDED"),
    /** The router took an excluded host back. */
    READMITTED("READMIT"),
    /** No replica could take reads, so they went to the primary. */
    FALLBACK("FALLBACK"),
    /** Writes moved to another host. */
    WRITER("WRITER"),
    /** A circuit breaker changed state. */
    BREAKER("BREAKER");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    /** @return the short upper-case word the console prints for this kind */
    public String tag() {
      return tag;
    }
  }
}
