package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.router.ExclusionReason;
import io.cenote.router.RouterListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the cluster's health events as coloured console lines: a host excluded (with the
 * reason and the error behind it), re-admitted, the write host changing, reads falling back to
 * the writer. Per-read selections are left to the ticker; fallbacks are throttled.
 */
final class RouterEvents implements RouterListener {

  /** Fallback lines shown per run; the rest are counted in the host statistics. */
  static final int FALLBACKS_SHOWN = 3;

  private final Output out;
  private final AtomicInteger fallbacks = new AtomicInteger();

  /**
   * Creates the listener.
   *
   * @param out where to print
   */
  RouterEvents(Output out) {
    this.out = out;
  }

  @Override
  public void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {
    out.event(Ansi.Style.RED, "EXCLUDED", host + " no longer serves reads: "
        + out.ansi().paint(Ansi.Style.BOLD, reason.name()), detail);
  }

  @Override
  public void onReadmitted(String cluster, String host, long excludedNanos) {
    out.event(Ansi.Style.GREEN, "READMIT", host + " passed a health check and serves reads"
        + " again, after " + Format.nanos(excludedNanos) + " out");
  }

  @Override
  public void onFallbackToPrimary(String cluster, String primary) {
    if (fallbacks.incrementAndGet() <= FALLBACKS_SHOWN) {
      out.event(Ansi.Style.YELLOW, "FALLBACK", "no replica is eligible: a read went to "
          + primary);
    }
  }

  @Override
  public void onWriterChanged(String cluster, String from, String to) {
    out.event(Ansi.Style.MAGENTA, "WRITER", "writes moved from " + from + " to " + to);
  }
}
