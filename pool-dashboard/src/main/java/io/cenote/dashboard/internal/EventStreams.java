package io.cenote.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cenote.dashboard.DashboardEvents;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The open {@code GET /api/events} streams: opens one per client (resuming after its
 * {@code Last-Event-ID}), sends the {@code stats} message and keepalive comments to all, and
 * closes them all at shutdown.
 */
final class EventStreams {

  /** The {@code event:} name of the once-a-second statistics message. */
  static final String STATS = "stats";

  private static final String EVENT_STREAM = "text/event-stream";

  private final DashboardEvents events;
  private final ObjectMapper json;
  private final ExecutorService writers;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();

  /**
   * Creates the registry.
   *
   * @param events the hub the streams follow
   * @param json serializes messages
   * @param writers runs the streams' writer tasks; shut down by {@link #closeAll()}
   */
  EventStreams(DashboardEvents events, ObjectMapper json, ExecutorService writers) {
    this.events = events;
    this.json = json;
    this.writers = writers;
  }

  /**
   * The handler of {@code GET /api/events}. Javalin streams only to a client that accepts
   * {@code text/event-stream} (as {@code EventSource} does) and answers any other with an empty
   * 200; such a client gets a 406 that says what to send instead.
   *
   * @return the handler
   */
  Handler handler() {
    SseHandler sse = new SseHandler(this::accept);
    return ctx -> {
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains(EVENT_STREAM)) {
        throw new ApiException(406, "GET /api/events answers " + EVENT_STREAM + " only: send"
            + " Accept: " + EVENT_STREAM, null);
      }
      sse.handle(ctx);
    };
  }

  private void accept(SseClient client) {
    long after = lastEventId(client.ctx().header("Last-Event-ID"));
    client.keepAlive();
    open(SseSink.of(client), after);
  }

  /**
   * Opens a stream on a response.
   *
   * @param sink the response
   * @param afterSeq the last event the client has, 0 for none
   */
  void open(SseSink sink, long afterSeq) {
    EventStream stream = new EventStream(sink, json, writers, open::remove);
    open.add(stream);
    stream.start(events, afterSeq);
  }

  /**
   * Sends a message to every stream.
   *
   * @param event the {@code event:} name
   * @param message the message, serialized once for all
   */
  void broadcast(String event, Object message) {
    if (open.isEmpty()) {
      return;
    }
    String data;
    try {
      data = json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the " + event + " message", e);
    }
    for (EventStream s : open) {
      s.send(event, data);
    }
  }

  /** Sends a comment to every stream, so that proxies keep idle connections open. */
  void keepAlive() {
    for (EventStream s : open) {
      s.comment("keepalive");
    }
  }

  /** Closes every stream and stops the writers. */
  void closeAll() {
    for (EventStream s : List.copyOf(open)) {
      s.close();
    }
    writers.shutdownNow();
  }

  /**
   * The number a reconnecting client saw last. The response is committed before this runs, so
   * an id that is not a number (none of ours) cannot be refused: the client gets every retained
   * event, as a new one would.
   */
  private static long lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
