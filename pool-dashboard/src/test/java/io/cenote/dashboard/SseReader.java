package io.cenote.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@code text/event-stream} response on a thread of its own and hands the messages to
 * the test, which waits for each at most {@link Http#TIMEOUT}: a stream that stays silent fails
 * the test instead of hanging it.
 */
final class SseReader implements AutoCloseable {

  /** One message: its fields, or the comment text of a comment line. */
  record Message(String id, String event, String data, String comment) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final Thread reader;

  SseReader(Http http, HttpRequest request) {
    try {
      response = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** @return the response's status */
  int status() {
    return response.statusCode();
  }

  /** @return the response's Content-Type */
  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /**
   * Waits for the next message with the given {@code event:} name, skipping others.
   *
   * @param event the name
   * @return the message
   */
  Message next(String event) {
    long deadline = System.nanoTime() + Http.TIMEOUT.toNanos();
    while (true) {
      Message m = poll(Duration.ofNanos(deadline - System.nanoTime()));
      if (event.equals(m.event())) {
        return m;
      }
    }
  }

  private Message poll(Duration wait) {
    try {
      Message m = messages.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no message within " + Http.TIMEOUT.toSeconds() + " s");
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
        StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (event != null || data != null) {
            messages.add(new Message(id, event, data == null ? null : data.toString(), null));
          }
          id = null;
          event = null;
          data = null;
        } else if (line.startsWith(":")) {
          messages.add(new Message(null, null, null, line.substring(1).trim()));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          String part = line.substring(5).stripLeading();
          data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
        }
      }
    } catch (IOException e) {
      // the stream ended: the test closed it or the server went away
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
