package io.cenote.examples.simulator;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints a run as it happens: coloured event lines and the once-a-second gauge line. Frequent
 * events are throttled: per kind, at most {@link #PER_SECOND} lines a second; the rest are
 * counted and reported in one dim line with the next gauge line. Rare events (phases, faults,
 * leaks, health, exclusions, writer and breaker changes) are always shown.
 */
final class ConsoleView {

  /** Lines per kind and second for the frequent kinds. */
  static final int PER_SECOND = 3;

  private final Output out;
  private final Map<SimEvent.Kind, AtomicInteger> shown = new ConcurrentHashMap<>();
  private final Map<SimEvent.Kind, AtomicInteger> hidden = new ConcurrentHashMap<>();

  /**
   * Creates the view.
   *
   * @param out where to print
   */
  ConsoleView(Output out) {
    this.out = out;
  }

  /** @return the output lines go to */
  Output out() {
    return out;
  }

  /**
   * Shows an event, or counts it when its kind has used up this second's lines.
   *
   * @param e the event
   */
  void show(SimEvent e) {
    if (frequent(e.kind())
        && shown.computeIfAbsent(e.kind(), k -> new AtomicInteger()).incrementAndGet()
            > PER_SECOND) {
      hidden.computeIfAbsent(e.kind(), k -> new AtomicInteger()).incrementAndGet();
      return;
    }
    out.event(style(e.kind()), e.kind().tag(), e.message());
  }

  /**
   * Prints the gauge line and starts a new second of throttling, first reporting what the
   * last second hid.
   *
   * @param gauge the slot gauge, for the tag column
   * @param line the figures
   */
  void tick(String gauge, String line) {
    Map<SimEvent.Kind, Integer> counts = new EnumMap<>(SimEvent.Kind.class);
    hidden.forEach((k, n) -> {
      int c = n.getAndSet(0);
      if (c > 0) {
        counts.put(k, c);
      }
    });
    shown.values().forEach(n -> n.set(0));
    if (!counts.isEmpty()) {
      StringJoiner j = new StringJoiner(", ");
      int total = 0;
      for (Map.Entry<SimEvent.Kind, Integer> c : counts.entrySet()) {
        j.add(c.getValue() + " " + c.getKey().tag());
        total += c.getValue();
      }
      out.row("", out.ansi().paint(Ansi.Style.DIM, "(" + total + " more not shown: " + j + ")"));
    }
    out.row(gauge, line);
  }

  private static boolean frequent(SimEvent.Kind kind) {
    return switch (kind) {
      case CONNECT, CONNECT_FAILURE, CHECKOUT, CHECKIN, CLOSE, INVALID, EXHAUSTED, TIMEOUT,
          FAILURE, FALLBACK -> true;
      default -> false;
    };
  }

  private static Ansi.Style style(SimEvent.Kind kind) {
    return switch (kind) {
      case PHASE -> Ansi.Style.BOLD;
      case FAULT, LEAK -> Ansi.Style.BOLD_RED;
      case CONNECT, READMITTED -> Ansi.Style.GREEN;
      case CLOSE, CHECKOUT, CHECKIN -> Ansi.Style.BLUE;
      case INVALID, RESIZE, WRITER -> Ansi.Style.MAGENTA;
      case EXHAUSTED, HEALTH, FALLBACK, BREAKER -> Ansi.Style.YELLOW;
      case CONNECT_FAILURE, TIMEOUT, FAILURE, EXCLUDED -> Ansi.Style.RED;
    };
  }
}
