package io.cenote.testkit.fault;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * An immutable snapshot of everything a {@link FaultPlan} injects, read by connections through a
 * single volatile field. Changes build a new snapshot (copy-on-write), so the fast path of a
 * connection with no faults is one volatile read per plan plus a few plain field compares: the
 * {@code epoch} (bumped by a restart) and the summary flags computed here.
 */
final class Faults {

  static final Faults NONE = new Builder().build();

  final long epoch;
  final boolean down;
  final Rule connectFailure;
  final Latency connectLatency;
  final Rule validationFailure;
  final Latency statementLatency;
  final Rule statementFailure;
  final Rule hang;
  private final RandomGenerator random;

  /** True when a connect can be delayed or failed. */
  final boolean connectFaults;
  /** True when {@code isValid} can be failed or hang. */
  final boolean validationFaults;
  /** True when a statement execution can be delayed, failed or hang. */
  final boolean statementFaults;
  /** The {@link NetworkCall} bits that may hang. */
  final int hangCalls;

  private Faults(Builder b) {
    epoch = b.epoch;
    down = b.down;
    connectFailure = b.connectFailure;
    connectLatency = b.connectLatency;
    validationFailure = b.validationFailure;
    statementLatency = b.statementLatency;
    statementFailure = b.statementFailure;
    hang = b.hang;
    random = b.random;
    hangCalls = hang == null ? 0 : hang.calls;
    connectFaults = down || connectFailure != null || connectLatency != null;
    validationFaults = validationFailure != null || (hangCalls & NetworkCall.IS_VALID.bit()) != 0;
    statementFaults = statementLatency != null || statementFailure != null
        || (hangCalls & NetworkCall.EXECUTE.bit()) != 0;
  }

  /** The generator for probabilities and latency ranges: the seeded one, or a thread-local one. */
  RandomGenerator random() {
    return random != null ? random : ThreadLocalRandom.current();
  }

  /** True when nothing is injected (the epoch and random generator do not count). */
  boolean isQuiet() {
    return !connectFaults && !validationFaults && !statementFaults && hangCalls == 0;
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Faults{epoch=").append(epoch);
    if (down) {
      sb.append(", down");
    }
    append(sb, "connectFailure", connectFailure);
    append(sb, "connectLatency", connectLatency);
    append(sb, "validationFailure", validationFailure);
    append(sb, "statementLatency", statementLatency);
    append(sb, "statementFailure", statementFailure);
    append(sb, "hang", hang);
    return sb.append('}').toString();
  }

  private static void append(StringBuilder sb, String name, Object value) {
    if (value != null) {
      sb.append(", ").append(name).append('=').append(value);
    }
  }

  /** A mutable copy used to derive the next snapshot. */
  static final class Builder {
    long epoch;
    boolean down;
    Rule connectFailure;
    Latency connectLatency;
    Rule validationFailure;
    Latency statementLatency;
    Rule statementFailure;
    Rule hang;
    RandomGenerator random;

    Builder() {}

    Builder(Faults f) {
      epoch = f.epoch;
      down = f.down;
      connectFailure = f.connectFailure;
      connectLatency = f.connectLatency;
      validationFailure = f.validationFailure;
      statementLatency = f.statementLatency;
      statementFailure = f.statementFailure;
      hang = f.hang;
      random = f.random;
    }

    /** Drops every fault but keeps the epoch and the random generator. */
    Builder clearFaults() {
      down = false;
      connectFailure = null;
      connectLatency = null;
      validationFailure = null;
      statementLatency = null;
      statementFailure = null;
      hang = null;
      return this;
    }

    Faults build() {
      return new Faults(this);
    }
  }
}
