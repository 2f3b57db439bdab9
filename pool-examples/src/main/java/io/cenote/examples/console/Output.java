package io.cenote.examples.console;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where every console line of the demo and the simulator goes: a time column (seconds since
 * start), a fixed-width tag and a message. Lines from many threads never interleave mid-line:
 * a lock (not a monitor, which would pin a virtual thread while it prints) keeps each line
 * whole.
 */
public final class Output {

  /** Width of the tag column, long enough for {@code EXHAUSTED}. */
  public static final int TAG_WIDTH = 9;
  /** Where messages start: the time ({@code " 12.3s"}), two spaces, the tag, two spaces. */
  public static final int MESSAGE_COLUMN = 7 + 2 + TAG_WIDTH + 2;

  private final PrintStream out;
  private final Ansi ansi;
  private final long startNanos;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Creates the output.
   *
   * @param out the stream to print to
   * @param ansi the colours
   */
  public Output(PrintStream out, Ansi ansi) {
    this.out = out;
    this.ansi = ansi;
    this.startNanos = System.nanoTime();
  }

  /** @return the colours */
  public Ansi ansi() {
    return ansi;
  }

  /** @return seconds since this output was created */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * Prints a timestamped, tagged line.
   *
   * @param style the tag's colour
   * @param tag a short upper-case word
   * @param message the rest of the line
   */
  public void event(Ansi.Style style, String tag, String message) {
    row(ansi.paint(style, tag), message);
  }

  /**
   * Prints a timestamped line whose tag column is already painted (it may be wider than the
   * column).
   *
   * @param tag the tag column's text
   * @param message the rest of the line
   */
  public void row(String tag, String message) {
    lock.lock();
    try {
      String time = String.format(Locale.ROOT, "%6.1fs", elapsedSeconds());
      print(ansi.paint(Ansi.Style.DIM, time) + "  " + Ansi.padRight(tag, TAG_WIDTH) + "  "
          + message);
    } finally {
      lock.unlock();
    }
  }


  /**
   * Prints a timestamped, tagged line followed by a line aligned under its message column, both
   * at once so that no other line comes between them.
   *
   * @param style the tag's colour
   * @param tag a short upper-case word
   * @param message the rest of the first line
   * @param detail the second line
   */
  public void event(Ansi.Style style, String tag, String message, String detail) {
    row(ansi.paint(style, tag),
        message + System.lineSeparator() + " ".repeat(MESSAGE_COLUMN) + detail);
  }

  /**
   * Prints a blank line and a bold section heading with a dim description after it.
   *
   * @param title the heading, after {@code ==}
   * @param description what the section shows
   */
  public void banner(String title, String description) {
    print("");
    print(ansi.paint(Ansi.Style.BOLD, "== " + title) + "  "
        + ansi.paint(Ansi.Style.DIM, description));
  }

  /**
   * Prints a line as it is.
   *
   * @param line the text
   */
  public void print(String line) {
    lock.lock();
    try {
      out.println(line);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

}
