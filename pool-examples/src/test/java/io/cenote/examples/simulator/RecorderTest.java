package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import io.cenote.pool.CloseReason;
import io.cenote.resilience.BreakerState;
import io.cenote.router.ExclusionReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderTest {

  private static final long MS = 1_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Recorder recorder = recorder(false);

  private Recorder recorder(boolean echoPool) {
    return new Recorder(new ConsoleView(
        new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false))),
        echoPool, "sim", RunObserver.NONE);
  }

  private SimEvent only() {
    assertThat(recorder.events()).hasSize(1);
    return recorder.events().get(0);
  }

  @Test
  void anObserverSeesEveryEventWithItsScenario() {
    List<String> seen = new ArrayList<>();
    Recorder observed = new Recorder(new ConsoleView(new Output(new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Ansi.of(false))), false,
        "leak", new RunObserver() {
          @Override
          public void recorded(String scenario, SimEvent event) {
            seen.add(scenario + " " + event.kind() + " " + event.message());
          }
        });

    observed.onConnect("sim", 1, MS);
    observed.record(SimEvent.Kind.PHASE, "go");

    assertThat(seen).containsExactly("leak CONNECT sim: connection #1 opened in 1.0 ms",
        "leak PHASE go");
    assertThat(observed.scenario()).isEqualTo("leak");
  }

  @Test
  void connectNamesThePoolTheConnectionAndTheTime() {
    recorder.onConnect("sim", 4, 12 * MS);

    assertThat(only().kind()).isEqualTo(SimEvent.Kind.CONNECT);
    assertThat(only().message()).isEqualTo("sim: connection #4 opened in 12 ms");
  }

  @Test
  void connectFailureKeepsTheFirstLineOfTheCause() {
    recorder.onConnectFailure("sim", new SQLException("Connection refused\n\tat x"));

    assertThat(only().kind()).isEqualTo(SimEvent.Kind.CONNECT_FAILURE);
    assertThat(only().message()).isEqualTo("sim: could not open a connection: Connection refused");
  }

  @Test
  void connectFailureWithoutMessageNamesTheException() {
    recorder.onConnectFailure("sim", new ConnectException());

    assertThat(only().message()).isEqualTo("sim: could not open a connection: ConnectException");
  }

  @Test
  void closeGivesTheReasonInWords() {
    recorder.onClose("sim", 7, CloseReason.LIFETIME);

    assertThat(only().kind()).isEqualTo(SimEvent.Kind.CLOSE);
    assertThat(only().message())
        .isEqualTo("sim: connection #7 closed: LIFETIME (reached maxLifetime)");
  }

  @Test
  void invalidExhaustedAndTimeoutSayWhatHappened() {
    recorder.onInvalidate("sim", 2);
    recorder.onPoolExhausted("sim", 1);
    recorder.onPoolExhausted("sim", 4);
    recorder.onAcquireTimeout("sim", 250 * MS);

    assertThat(recorder.events()).extracting(SimEvent::kind).containsExactly(
        SimEvent.Kind.INVALID, SimEvent.Kind.EXHAUSTED, SimEvent.Kind.EXHAUSTED,
        SimEvent.Kind.TIMEOUT);
    assertThat(recorder.events()).extracting(SimEvent::message).containsExactly(
        "sim: connection #2 is broken and will be replaced",
        "sim: no idle connection and no room to open one; 1 borrower queued",
        "sim: no idle connection and no room to open one; 4 borrowers queued",
        "sim: a borrower gave up after 250 ms");
  }

  @Test
  void leakKeepsTheFirstCallerFrameOutsideThePool() {
    recorder.onLeakSuspected("sim", 3, 2_000 * MS, borrowSite("com.acme.Reports", "monthly",
        "Reports.java", 42));
    recorder.onLeakSuspected("sim", 5, 3_000 * MS, borrowSite("com.acme.Orders", "list",
        "Orders.java", 7));

    assertThat(recorder.leaks()).isEqualTo(2);
    assertThat(recorder.leakSite()).isEqualTo("com.acme.Reports.monthly(Reports.java:42)");
    assertThat(recorder.events()).extracting(SimEvent::kind)
        .containsOnly(SimEvent.Kind.LEAK);
    assertThat(recorder.events().get(0).message()).isEqualTo("sim: connection #3 held for"
        + " 2.00 s without being returned; borrowed at com.acme.Reports.monthly(Reports.java:42)");
    assertThat(recorder.events().get(1).message())
        .endsWith("borrowed at com.acme.Orders.list(Orders.java:7)");
  }

  @Test
  void noLeakMeansNoLeakSite() {
    assertThat(recorder.leaks()).isZero();
    assertThat(recorder.leakSite()).isEmpty();
  }

  @Test
  void routerEventsBecomeTheirKinds() {
    recorder.onExcluded("orders", "replica-1", ExclusionReason.LAGGING, "4.2 s behind\nmore");
    recorder.onExcluded("orders", "replica-2", ExclusionReason.DOWN, "");
    recorder.onReadmitted("orders", "replica-1", 1_500 * MS);
    recorder.onFallbackToPrimary("orders", "primary");
    recorder.onWriterChanged("orders", "primary", "replica-2");

    assertThat(recorder.events()).extracting(SimEvent::kind).containsExactly(
        SimEvent.Kind.EXCLUDED, SimEvent.Kind.EXCLUDED, SimEvent.Kind.READMITTED,
        SimEvent.Kind.FALLBACK, SimEvent.Kind.WRITER);
    assertThat(recorder.events()).extracting(SimEvent::message).containsExactly(
        "orders: replica-1 excluded (lagging: 4.2 s behind)",
        "orders: replica-2 excluded (down)",
        "orders: replica-1 re-admitted after 1.50 s",
        "orders: no replica is eligible; reads go to primary",
        "orders: writes move from primary to replica-2");
  }

  @Test
  void breakerTransitionIsAnEventAndFailFastIsCounted() {
    recorder.onStateTransition("db1", BreakerState.CLOSED, BreakerState.OPEN);
    recorder.onFailFast("db1", BreakerState.OPEN);
    recorder.onFailFast("db1", BreakerState.OPEN);
    recorder.onFailFast("db1", BreakerState.FORCED_OPEN);

    assertThat(only().kind()).isEqualTo(SimEvent.Kind.BREAKER);
    assertThat(only().message()).isEqualTo("db1: breaker CLOSED -> OPEN");
    assertThat(recorder.failedFast()).isEqualTo(3);
  }

  @Test
  void failedKeepsTheFirstFailureOfEachType() {
    recorder.failed(1, new SQLTransientConnectionException("pool timed out\nstats: ..."));
    recorder.failed(2, new SQLTransientConnectionException("second timeout"));
    recorder.failed(3, new IllegalStateException("broken"));
    recorder.failed(4, new IllegalStateException());

    assertThat(recorder.firstFailures()).containsOnly(
        Map.entry("SQLTransientConnectionException",
            "SQLTransientConnectionException: pool timed out"),
        Map.entry("IllegalStateException", "IllegalStateException: broken"));
    assertThat(recorder.count(SimEvent.Kind.FAILURE)).isEqualTo(4);
    assertThat(recorder.events()).extracting(SimEvent::message).containsExactly(
        "client 1 got SQLTransientConnectionException: pool timed out",
        "client 2 got SQLTransientConnectionException: second timeout",
        "client 3 got IllegalStateException: broken",
        "client 4 got IllegalStateException: ");
  }

  @Test
  void eventsComeBackInOrderWithRisingTimes() {
    recorder.record(SimEvent.Kind.PHASE, "warm up");
    recorder.onConnect("sim", 1, MS);
    recorder.record(SimEvent.Kind.FAULT, "primary stops");
    recorder.onAcquireTimeout("sim", MS);
    recorder.record(SimEvent.Kind.PHASE, "recover");

    List<SimEvent> events = recorder.events();

    assertThat(events).extracting(SimEvent::kind).containsExactly(SimEvent.Kind.PHASE,
        SimEvent.Kind.CONNECT, SimEvent.Kind.FAULT, SimEvent.Kind.TIMEOUT, SimEvent.Kind.PHASE);
    assertThat(events).extracting(SimEvent::second).isSorted()
        .allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(0.0));
    assertThat(recorder.count(SimEvent.Kind.PHASE)).isEqualTo(2);
  }

  @Test
  void eventsIsASnapshot() {
    recorder.record(SimEvent.Kind.PHASE, "one");
    List<SimEvent> before = recorder.events();

    recorder.record(SimEvent.Kind.PHASE, "two");

    assertThat(before).hasSize(1);
    assertThat(recorder.events()).hasSize(2);
  }

  @Test
  void recordedEventsAreShownOnTheConsole() {
    recorder.record(SimEvent.Kind.FAULT, "primary stops");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("FAULT")
        .contains("primary stops");
  }

  @Test
  void checkoutAndCheckinAreNotRecordedWithoutEchoPool() {
    recorder.onCheckout("sim", 1, 3 * MS);
    recorder.onCheckin("sim", 1, 5 * MS);

    assertThat(recorder.events()).isEmpty();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void checkoutAndCheckinAreRecordedWithEchoPool() {
    Recorder echoing = recorder(true);

    echoing.onCheckout("sim", 1, 3 * MS);
    echoing.onCheckin("sim", 1, 45 * MS);

    assertThat(echoing.events()).extracting(SimEvent::kind)
        .containsExactly(SimEvent.Kind.CHECKOUT, SimEvent.Kind.CHECKIN);
    assertThat(echoing.events()).extracting(SimEvent::message).containsExactly(
        "sim: connection #1 checked out after 3.0 ms",
        "sim: connection #1 checked in after 45 ms");
  }

  private static Throwable borrowSite(String className, String method, String file, int line) {
    Throwable site = new Throwable("borrowed here");
    site.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.cenote.pool.internal.Pool", "acquire", "Pool.java", 10),
        new StackTraceElement("io.cenote.pool.ConnectionPool", "getConnection",
            "ConnectionPool.java", 20),
        new StackTraceElement(className, method, file, line),
        new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840)});
    return site;
  }
}
