package io.cenote.guice;

/**
 * A member of the fleet (a cluster or a standalone pool) failed to start, so
 * {@link CenoteLifecycle#start()} closed the members it had started before it and gave up. The
 * cause is the member's own failure, such as {@code PoolInitializationException} when its
 * database could not be reached.
 */
public final class FleetStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String member;

  /**
   * Creates the exception.
   *
   * @param kind {@code cluster} or {@code pool}
   * @param member the member's name in the fleet file
   * @param closed how many members started before it and were closed again
   * @param cause the member's failure
   */
  FleetStartException(String kind, String member, int closed, Throwable cause) {
    super("the Cenote fleet could not start: " + kind + " '" + member + "' failed ("
        + closed + " member(s) started before it were closed again): " + cause.getMessage(),
        cause);
    this.member = member;
  }

  /** @return the name in the fleet file of the member that failed to start */
  public String member() {
    return member;
  }
}
