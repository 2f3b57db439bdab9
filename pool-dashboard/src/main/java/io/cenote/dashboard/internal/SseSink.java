package io.cenote.dashboard.internal;

import io.javalin.http.sse.SseClient;

/** Where an {@link EventStream} writes: one open {@code text/event-stream} response. */
interface SseSink {

  /**
   * Writes one message.
   *
   * @param event its {@code event:} name
   * @param data its {@code data:} line
   * @param id its {@code id:}, or null for none
   */
  void event(String event, String data, String id);

  /**
   * Writes a comment line.
   *
   * @param text the comment
   */
  void comment(String text);

  /** @return true once the client went away or {@link #close()} ran */
  boolean closed();

  /** Ends the response. */
  void close();

  /**
   * Wraps a Javalin SSE client.
   *
   * @param client the client
   * @return the sink
   */
  static SseSink of(SseClient client) {
    return new SseSink() {
      @Override
      public void event(String event, String data, String id) {
        if (id == null) {
          client.sendEvent(event, data);
        } else {
          client.sendEvent(event, data, id);
        }
      }

      @Override
      public void comment(String text) {
        client.sendComment(text);
      }

      @Override
      public boolean closed() {
        return client.terminated();
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
