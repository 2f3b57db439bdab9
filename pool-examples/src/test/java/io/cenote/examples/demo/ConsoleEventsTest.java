package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import io.cenote.pool.CloseReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleEventsTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleEvents events = new ConsoleEvents(
      new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false)),
      new EventThrottle());

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void leakShowsTheFirstFrameOutsideThePool() {
    Throwable site = new Throwable("borrowed here");
    site.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.cenote.pool.internal.Pool", "acquire", "Pool.java", 10),
        new StackTraceElement("io.cenote.pool.ConnectionPool", "getConnection",
            "ConnectionPool.java", 20),
        new StackTraceElement("com.acme.Reports", "monthly", "Reports.java", 42)});

    events.onLeakSuspected("demo", 3, 2_000_000_000L, site);

    assertThat(printed()).contains("LEAK       connection #3 held for 2.00 s without being"
        + " returned").contains("borrowed at com.acme.Reports.monthly(Reports.java:42)");
    assertThat(events.leaksReported()).isEqualTo(1);
  }

  @Test
  void frequentEventsAreShownAFewTimesPerPhaseThenCounted() {
    EventThrottle throttle = new EventThrottle();
    ConsoleEvents counted = new ConsoleEvents(
        new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false)),
        throttle);

    for (int i = 0; i < 10; i++) {
      counted.onAcquireTimeout("demo", 800_000_000L);
    }

    assertThat(printed().lines().filter(l -> l.contains("TIMEOUT")).count())
        .isEqualTo(EventThrottle.Kind.TIMEOUT.shown);
    assertThat(throttle.reset()).containsEntry(EventThrottle.Kind.TIMEOUT,
        10 - EventThrottle.Kind.TIMEOUT.shown);
    assertThat(throttle.reset()).isEmpty();
  }

  @Test
  void closeNamesTheReason() {
    events.onClose("demo", 7, CloseReason.OVERFLOW);

    assertThat(printed()).contains(
        "CLOSE      connection #7 closed: OVERFLOW (beyond maxSize, returned while nobody"
            + " waited)");
  }
}
