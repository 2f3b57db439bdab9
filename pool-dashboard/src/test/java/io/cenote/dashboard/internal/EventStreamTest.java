package io.cenote.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.dashboard.DashboardEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One event stream with a recording sink and an executor the test runs by hand, so the order of
 * frames and the hand-over between producers and the writer are checked without threads.
 */
class EventStreamTest {

  private final DashboardEvents events = new DashboardEvents();
  private final RecordingSink sink = new RecordingSink();
  private final ManualExecutor writer = new ManualExecutor();
  private final AtomicInteger closes = new AtomicInteger();
  private final EventStream stream = new EventStream(sink, Json.mapper(), writer,
      s -> closes.incrementAndGet());

  @Test
  void framesLeaveInTheOrderTheyWereQueued() {
    events.publish("p", "scenario", "retained");
    stream.start(events, 0);
    stream.send("stats", "{\"n\":1}");
    events.publish("p", "scenario", "live");
    stream.comment("keepalive");

    writer.runAll();

    assertThat(sink.lines).hasSize(4);
    assertThat(sink.lines.get(0)).startsWith("pool-event 1 {\"seq\":1,");
    assertThat(sink.lines.get(1)).isEqualTo("stats null {\"n\":1}");
    assertThat(sink.lines.get(2)).startsWith("pool-event 2 {\"seq\":2,");
    assertThat(sink.lines.get(3)).isEqualTo(": keepalive");
  }

  @Test
  void oneWriterTaskDrainsWhatIsQueuedWhileItIsPending() {
    stream.start(events, 0);

    stream.send("stats", "1");
    stream.send("stats", "2");
    stream.send("stats", "3");

    assertThat(writer.pending()).isEqualTo(1);
    writer.runAll();
    assertThat(sink.lines).hasSize(3);
    stream.send("stats", "4");
    assertThat(writer.pending()).isEqualTo(1);
  }

  @Test
  void eventTimesAreIsoStrings() {
    stream.start(events, 0);
    events.publish("p", "scenario", "x");

    writer.runAll();

    assertThat(sink.lines.get(0)).containsPattern("\"time\":\"\\d{4}-\\d\\d-\\d\\dT");
  }

  @Test
  void aClientThatFallsTooFarBehindIsDisconnected() {
    stream.start(events, 0);

    for (int i = 0; i <= EventStream.MAX_QUEUED; i++) {
      stream.send("stats", "{}");
    }

    assertThat(sink.closed).isTrue();
    assertThat(closes).hasValue(1);
    events.publish("p", "scenario", "after the disconnect");
    writer.runAll();
    assertThat(sink.lines).isEmpty();
  }

  @Test
  void aClientThatWentAwayIsClosedAtTheNextWrite() {
    stream.start(events, 0);
    sink.gone = true;

    stream.send("stats", "{}");
    writer.runAll();

    assertThat(closes).hasValue(1);
    stream.close();
    assertThat(closes).hasValue(1);
  }

  /** Records what is written, one line per frame. */
  private static final class RecordingSink implements SseSink {
    final List<String> lines = new ArrayList<>();
    boolean gone;
    boolean closed;

    @Override
    public void event(String event, String data, String id) {
      lines.add(event + " " + id + " " + data);
    }

    @Override
    public void comment(String text) {
      lines.add(": " + text);
    }

    @Override
    public boolean closed() {
      return gone || closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Queues tasks until the test runs them. */
  private static final class ManualExecutor implements Executor {
    private final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    int pending() {
      return tasks.size();
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.remove(0).run();
      }
    }
  }
}
