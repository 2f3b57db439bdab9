package io.cenote.resilience;

import io.cenote.resilience.internal.StandardClassifier;

/**
 * Decides what a failure means, by SQLState and vendor code rather than exception class (the
 * PostgreSQL driver throws one class for everything), walking the cause and next-exception
 * chain.
 *
 * <p>To extend it, decorate the standard classifier and defer to it for everything else:
 *
 * <pre>{@code
 * SqlFailureClassifier mine = error -> {
 *   FailureKind kind = SqlFailureClassifier.standard().classify(error);
 *   return kind == FailureKind.OTHER && isMyProxysTimeout(error) ? FailureKind.HOST_FAILURE : kind;
 * };
 * }</pre>
 *
 * <p>Implementations must be thread-safe, fast and must not throw.
 */
@FunctionalInterface
public interface SqlFailureClassifier {

  /**
   * Classifies a failure.
   *
   * @param error what a borrow or a unit of work threw
   * @return its kind, never null
   */
  FailureKind classify(Throwable error);

  /**
   * Returns the standard classifier described in {@code docs/resilience.md}.
   *
   * @return the shared instance
   */
  static SqlFailureClassifier standard() {
    return StandardClassifier.INSTANCE;
  }
}
