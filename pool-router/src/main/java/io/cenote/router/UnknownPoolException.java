package io.cenote.router;

import java.util.NoSuchElementException;

/** A {@link PoolManager} holds no pool or cluster of the name asked for. */
public final class UnknownPoolException extends NoSuchElementException {

  private static final long serialVersionUID = 1L;

  private final String name;

  /**
   * Creates the exception.
   *
   * @param kind what was asked for: {@code pool} or {@code cluster}
   * @param name the name asked for
   * @param known the names that are registered, for the message
   */
  public UnknownPoolException(String kind, String name, Iterable<String> known) {
    super("no " + kind + " named '" + name + "' is registered (registered: "
        + String.join(", ", known) + ")");
    this.name = name;
  }

  /** @return the name asked for */
  public String name() {
    return name;
  }
}
