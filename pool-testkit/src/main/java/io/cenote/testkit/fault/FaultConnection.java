package io.cenote.testkit.fault;

import java.sql.Connection;

/**
 * A physical connection handed out by the {@link FaultDriver}: either an in-memory stub or a real
 * driver's connection wrapped so that faults can be injected into it. Tests reach it through
 * {@link FaultPlan#openConnections()} or by unwrapping a pooled connection:
 *
 * <pre>{@code
 * FaultConnection physical = pooled.unwrap(FaultConnection.class);
 * assertThat(physical.commitCount()).isEqualTo(1);
 * }</pre>
 */
public interface FaultConnection extends Connection {

  /**
   * Returns the plan this connection was opened under.
   *
   * @return the plan
   */
  FaultPlan plan();

  /**
   * Returns a number unique to this connection within the JVM, in opening order.
   *
   * @return the id
   */
  long id();

  /**
   * Tells whether this is an in-memory stub rather than a wrapped real connection.
   *
   * @return true for a stub
   */
  boolean isStub();

  /**
   * Tells whether the connection is broken: a {@linkplain FaultPlan#restart() restart} reset it,
   * its network timeout elapsed during a blocked call, or an injected class 08 failure hit it.
   * A broken connection is not closed until its user closes it, but every use throws.
   *
   * @return true if broken
   */
  boolean isBroken();

  /**
   * Tells whether the connection was closed through {@link Connection#abort}.
   *
   * @return true if aborted
   */
  boolean isAborted();

  /**
   * Returns how many commits this connection sent. Meant to be read by the thread that used the
   * connection, or after handing it over safely (for example after joining that thread).
   *
   * @return the count
   */
  long commitCount();

  /**
   * Returns how many rollbacks this connection sent; read it as {@link #commitCount()}.
   *
   * @return the count
   */
  long rollbackCount();
}
