package io.cenote.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reads JSON request bodies: at most {@value #MAX_BYTES} bytes (413 beyond, also when the client
 * announced no length), only as {@code application/json} (415 otherwise), and only well-formed
 * objects (400 otherwise).
 */
final class JsonBodies {

  /** The largest body accepted; every body the API takes is a few dozen bytes. */
  static final int MAX_BYTES = 16 * 1024;

  private final ObjectMapper json;

  /**
   * Creates the reader.
   *
   * @param json the mapper
   */
  JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  /** @return the 413 error */
  static ApiException tooLarge() {
    return new ApiException(413, "request body must be at most " + MAX_BYTES + " bytes", null);
  }

  /**
   * Reads the body as a JSON object.
   *
   * @param ctx the request
   * @return the object
   * @throws ApiException 415, 413 or 400
   */
  JsonNode object(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json, but was " + type,
          null);
    }
    byte[] body = read(ctx);
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new ApiException(400, "request body is not valid JSON", null);
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "request body must be a JSON object", null);
    }
    return node;
  }

  /**
   * Reads a required integer field.
   *
   * @param body the object
   * @param field the field's name
   * @return its value
   * @throws ApiException 400 naming the field when it is missing or not an integer
   */
  static int requiredInt(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badField(field + " is required", field);
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.badField(field + " must be an integer, but was " + value, field);
    }
    return value.intValue();
  }

  /**
   * Reads a required true/false field.
   *
   * @param body the object
   * @param field the field's name
   * @return its value
   * @throws ApiException 400 naming the field when it is missing or not a boolean
   */
  static boolean requiredBoolean(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badField(field + " is required", field);
    }
    if (!value.isBoolean()) {
      throw ApiException.badField(field + " must be true or false, but was " + value, field);
    }
    return value.booleanValue();
  }

  private static byte[] read(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }
}
