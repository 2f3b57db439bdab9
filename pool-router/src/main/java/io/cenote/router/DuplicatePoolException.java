package io.cenote.router;

/** A {@link PoolManager} already holds a pool or cluster of the name being registered. */
public final class DuplicatePoolException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String name;

  /**
   * Creates the exception.
   *
   * @param name the name already taken
   */
  public DuplicatePoolException(String name) {
    super("a pool or cluster named '" + name + "' is already registered");
    this.name = name;
  }

  /** @return the name already taken */
  public String name() {
    return name;
  }
}
