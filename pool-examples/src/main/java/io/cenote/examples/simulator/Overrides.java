package io.cenote.examples.simulator;

import java.time.Duration;

/**
 * What the user set, from options or seed 001's environment variables; null where nothing was
 * set, so the scenario's own value applies.
 *
 * @param clients {@code --clients}
 * @param seconds {@code --seconds}
 * @param poolSize {@code --pool-size} or {@code POOL_SIZE}
 * @param maxOverflow {@code --max-overflow} or {@code MAX_OVERFLOW}
 * @param timeout {@code --timeout} or {@code POOL_TIMEOUT}
 * @param recycle {@code --recycle} or {@code POOL_RECYCLE}
 * @param prePing {@code --pre-ping} or {@code POOL_PRE_PING}
 */
public record Overrides(Integer clients, Integer seconds, Integer poolSize, Integer maxOverflow,
    Duration timeout, Duration recycle, Boolean prePing) {

  /** Nothing set: every scenario runs with its own values. */
  public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null);

  /**
   * Applies these over a scenario's values.
   *
   * @param base the scenario's values
   * @return the values to run with
   */
  public Knobs over(Knobs base) {
    return new Knobs(
        clients != null ? clients : base.clients(),
        seconds != null ? seconds : base.seconds(),
        poolSize != null ? poolSize : base.poolSize(),
        maxOverflow != null ? maxOverflow : base.maxOverflow(),
        timeout != null ? timeout : base.timeout(),
        recycle != null ? recycle : base.recycle(),
        prePing != null ? prePing : base.prePing());
  }

  /**
   * @param s run time in seconds
   * @return a copy with that run time
   */
  public Overrides withSeconds(Integer s) {
    return new Overrides(clients, s, poolSize, maxOverflow, timeout, recycle, prePing);
  }
}
