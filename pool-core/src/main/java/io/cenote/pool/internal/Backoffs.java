package io.cenote.pool.internal;

import io.cenote.pool.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in {@link Backoff}s and their text form. */
public final class Backoffs {

  private static final Pattern TEXT = Pattern.compile("(exponential|fixed)\\s*\\(([^)]*)\\)");

  /** Today's creation backoff: 10 ms doubling to 1 s, 50-100% jitter. */
  public static final Backoff DEFAULT = new Exponential(Duration.ofMillis(10),
      Duration.ofSeconds(1));

  private Backoffs() {}

  /**
   * Parses {@code exponential(<initial>,<max>)} or {@code fixed(<delay>)}.
   *
   * @param property the property name, for the error message
   * @param text the text
   * @return the backoff
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static Backoff parse(String property, String text) {
    Matcher m = TEXT.matcher(text.trim());
    if (m.matches()) {
      String[] args = m.group(2).split(",", -1);
      try {
        if (m.group(1).equals("exponential") && args.length == 2) {
          return new Exponential(ConfigText.duration(property, args[0]),
              ConfigText.duration(property, args[1]));
        }
        if (m.group(1).equals("fixed") && args.length == 1) {
          return new Fixed(ConfigText.duration(property, args[0]));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(property + ": " + e.getMessage() + " in '" + text
            + "'", e);
      }
    }
    throw new IllegalArgumentException(property + " must be exponential(<initial>,<max>) or"
        + " fixed(<delay>), but was '" + text + "'");
  }

  /** Exponential growth with 50-100% jitter. */
  public static final class Exponential implements Backoff {
    private final Duration initial;
    private final Duration max;
    private final long initialNanos;
    private final long maxNanos;

    /**
     * Creates the backoff.
     *
     * @param initial the first delay, more than zero
     * @param max the largest delay, at least {@code initial}
     */
    public Exponential(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || initial.isZero()) {
        throw new IllegalArgumentException(
            "connectionBackoff initial delay must be > 0, but was " + initial);
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("connectionBackoff max delay must be >= the initial"
            + " delay (" + initial + "), but was " + max);
      }
      this.initial = initial;
      this.max = max;
      this.initialNanos = initial.toNanos();
      this.maxNanos = max.toNanos();
    }

    @Override
    public long delayNanos(int attempt) {
      int doublings = Math.max(0, Math.min(attempt - 1, 62));
      long delay = initialNanos > (maxNanos >> doublings) ? maxNanos : initialNanos << doublings;
      return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    @Override
    public String toString() {
      return "exponential(" + initial + "," + max + ")";
    }
  }

  /** The same delay every time. */
  public static final class Fixed implements Backoff {
    private final Duration delay;
    private final long nanos;

    /**
     * Creates the backoff.
     *
     * @param delay zero or more
     */
    public Fixed(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("connectionBackoff delay must be >= 0, but was "
            + delay);
      }
      this.delay = delay;
      this.nanos = delay.toNanos();
    }

    @Override
    public long delayNanos(int attempt) {
      return nanos;
    }

    @Override
    public String toString() {
      return "fixed(" + delay + ")";
    }
  }
}
