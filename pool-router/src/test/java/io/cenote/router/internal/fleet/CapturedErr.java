package io.cenote.router.internal.fleet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what slf4j-simple writes while it is open: it writes to whatever {@code System.err}
 * is at the time of each line, and the test resources set the fleet logger to debug.
 */
public final class CapturedErr implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** Starts capturing. */
  public CapturedErr() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** @return everything written so far */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
