package io.cenote.pool;

/** Why the pool closed a physical connection (or other pooled resource). */
public enum CloseReason {
  /** It reached {@code maxLifetime} (with jitter). */
  LIFETIME,
  /** It was borrowed {@code maxUses} times. */
  MAX_USES,
  /** It sat idle longer than {@code idleTimeout} while the pool was above {@code minIdle}. */
  IDLE,
  /** Validation failed, or the connection reported a fatal error while in use. */
  INVALID,
  /** It was held past {@code leakReclaim} and aborted to free its slot. */
  LEAK,
  /** It was evicted: soft eviction, or a live resize that lowered the pool's capacity. */
  EVICTED,
  /** It was an overflow connection (beyond {@code maxSize}) returned while nobody waited. */
  OVERFLOW,
  /** The pool was shut down. */
  SHUTDOWN
}
