package io.cenote.testkit.fault;

/**
 * When an injected fault fires: {@linkplain #always() always}, {@linkplain #never() never},
 * with a {@linkplain #probability(double) probability}, or for the {@linkplain #times(long) next
 * N} occasions.
 *
 * <p>A trigger is an immutable description; each time it is handed to a {@link FaultPlan} the plan
 * arms a fresh copy, so {@code times(3)} given to two faults lets each fire three times.
 *
 * <pre>{@code
 * plan.failConnects(FaultTrigger.times(2));          // the next two connects fail
 * plan.failValidation(FaultTrigger.probability(0.1)); // one isValid in ten returns false
 * plan.failStatements(FaultTrigger.never());          // clears the statement fault
 * }</pre>
 */
public final class FaultTrigger {

  /** How the trigger decides. */
  enum Kind {
    NEVER, ALWAYS, PROBABILITY, TIMES
  }

  private static final FaultTrigger NEVER = new FaultTrigger(Kind.NEVER, 0.0, 0);
  private static final FaultTrigger ALWAYS = new FaultTrigger(Kind.ALWAYS, 1.0, 0);

  private final Kind kind;
  private final double probability;
  private final long times;

  private FaultTrigger(Kind kind, double probability, long times) {
    this.kind = kind;
    this.probability = probability;
    this.times = times;
  }

  /**
   * Returns a trigger that never fires; giving it to a plan clears that fault.
   *
   * @return the never-firing trigger
   */
  public static FaultTrigger never() {
    return NEVER;
  }

  /**
   * Returns a trigger that fires on every occasion.
   *
   * @return the always-firing trigger
   */
  public static FaultTrigger always() {
    return ALWAYS;
  }

  /**
   * Returns a trigger that fires on each occasion independently with probability {@code p}, drawn
   * from the plan's random generator (see {@link FaultPlan#seed(long)}).
   *
   * @param p the probability, from 0.0 (never) to 1.0 (always)
   * @return the trigger
   * @throws IllegalArgumentException if {@code p} is not within [0.0, 1.0]
   */
  public static FaultTrigger probability(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability must be between 0.0 and 1.0, but was " + p);
    }
    if (p == 0.0) {
      return NEVER;
    }
    return p == 1.0 ? ALWAYS : new FaultTrigger(Kind.PROBABILITY, p, 0);
  }

  /**
   * Returns a trigger that fires on the next {@code n} occasions and then never again.
   *
   * @param n how many times to fire; 0 is the same as {@link #never()}
   * @return the trigger
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static FaultTrigger times(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("times must be >= 0, but was " + n);
    }
    return n == 0 ? NEVER : new FaultTrigger(Kind.TIMES, 0.0, n);
  }

  /**
   * Returns a trigger that fires on the next occasion only; the same as {@code times(1)}.
   *
   * @return the trigger
   */
  public static FaultTrigger once() {
    return times(1);
  }

  Kind kind() {
    return kind;
  }

  double probabilityValue() {
    return probability;
  }

  long timesValue() {
    return times;
  }

  boolean isNever() {
    return kind == Kind.NEVER;
  }

  /**
   * Describes the trigger, for test failure messages.
   *
   * @return for example {@code times(3)} or {@code probability(0.25)}
   */
  @Override
  public String toString() {
    switch (kind) {
      case NEVER:
        return "never";
      case ALWAYS:
        return "always";
      case PROBABILITY:
        return "probability(" + probability + ")";
      default:
        return "times(" + times + ")";
    }
  }
}
