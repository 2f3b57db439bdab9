package io.cenote.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP/1.1 client for a dashboard under test: requests with extra headers, JSON. */
final class Http {

  /** Generous: a loaded CI machine must not turn a slow answer into a failure. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  /** @return the client, for streaming requests */
  HttpClient client() {
    return client;
  }

  /**
   * Builds a request.
   *
   * @param method the method
   * @param path the path, from the root
   * @param body the body, or null for none
   * @param headers name, value, name, value...
   * @return the request
   */
  HttpRequest request(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request("GET", path, null, headers));
  }

  HttpResponse<String> post(String path, String... headers) {
    return send(request("POST", path, null, headers));
  }

  HttpResponse<String> delete(String path, String... headers) {
    return send(request("DELETE", path, null, headers));
  }

  HttpResponse<String> putJson(String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send(request("PUT", path, body, all));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }
}
