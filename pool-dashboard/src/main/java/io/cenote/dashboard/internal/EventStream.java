package io.cenote.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cenote.dashboard.DashboardEvent;
import io.cenote.dashboard.DashboardEvents;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of {@code GET /api/events}.
 *
 * <p>Design: producers (the event hub, under its lock, and the ticker) only append a frame to a
 * lock-free queue; at most one writer task per stream runs on the shared executor and drains
 * the queue to the socket, so frames leave in the order they were queued and a slow client
 * blocks only a writer thread, never a publisher. The {@code scheduled} flag hands the drain
 * from producer to writer: whoever sets it schedules the task, and the task re-checks the queue
 * after clearing it, so no frame is left behind. A client that falls {@value #MAX_QUEUED} frames
 * behind is disconnected; its browser reconnects with {@code Last-Event-ID} and resumes.
 */
final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  /** About 16 minutes of stats messages, or a thousand events more than the hub retains. */
  static final int MAX_QUEUED = 2_000;

  /** The {@code event:} name of a hub event. */
  static final String POOL_EVENT = "pool-event";

  private final SseSink sink;
  private final ObjectMapper json;
  private final Executor writers;
  private final Consumer<EventStream> onClose;
  private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile DashboardEvents.Subscription subscription;

  /** A message to write; {@code event} null means a comment. */
  private record Frame(String event, Object data, String id) {}

  /**
   * Creates a stream; {@link #start} subscribes it.
   *
   * @param sink the response
   * @param json serializes events
   * @param writers runs the writer tasks
   * @param onClose receives the stream once when it closes
   */
  EventStream(SseSink sink, ObjectMapper json, Executor writers,
      Consumer<EventStream> onClose) {
    this.sink = sink;
    this.json = json;
    this.writers = writers;
    this.onClose = onClose;
  }

  /**
   * Subscribes to the hub: the retained events after {@code afterSeq} first, then live ones.
   *
   * @param events the hub
   * @param afterSeq the last event the client has, 0 for none
   */
  void start(DashboardEvents events, long afterSeq) {
    subscription = events.subscribe(afterSeq,
        e -> offer(new Frame(POOL_EVENT, e, Long.toString(e.seq()))));
    if (closed.get()) {
      subscription.close();
    }
  }

  /**
   * Queues a message whose data is JSON already.
   *
   * @param event the {@code event:} name
   * @param data the JSON
   */
  void send(String event, String data) {
    offer(new Frame(event, data, null));
  }

  /**
   * Queues a comment line.
   *
   * @param text the comment
   */
  void comment(String text) {
    offer(new Frame(null, text, null));
  }

  /** Unsubscribes and ends the response; later calls do nothing. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    DashboardEvents.Subscription s = subscription;
    if (s != null) {
      s.close();
    }
    queue.clear();
    try {
      sink.close();
    } finally {
      onClose.accept(this);
    }
  }

  private void offer(Frame frame) {
    if (closed.get()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      log.info("[dashboard] an event stream fell {} messages behind; disconnecting it",
          MAX_QUEUED);
      close();
      return;
    }
    queue.add(frame);
    if (scheduled.compareAndSet(false, true)) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        close();
      }
    }
  }

  private void drain() {
    do {
      Frame f;
      while ((f = queue.poll()) != null) {
        queued.decrementAndGet();
        try {
          write(f);
        } catch (RuntimeException e) {
          log.debug("[dashboard] writing to an event stream failed; closing it", e);
          close();
          return;
        }
        if (sink.closed()) {
          close();
          return;
        }
      }
      scheduled.set(false);
    } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
  }

  private void write(Frame f) {
    if (f.event() == null) {
      sink.comment((String) f.data());
      return;
    }
    String data;
    if (f.data() instanceof DashboardEvent e) {
      try {
        data = json.writeValueAsString(e);
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException("cannot serialize event " + e.seq(), ex);
      }
    } else {
      data = (String) f.data();
    }
    sink.event(f.event(), data, f.id());
  }
}
