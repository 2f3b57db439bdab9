package io.cenote.examples.orders;

import io.cenote.testkit.db.DatabaseTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the orders example of a server database for its integration tests, with the
 * environment built from the real servers' targets (as {@code scripts/db.sh} writes it) and
 * the output captured.
 */
final class ServerExampleRun {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final Map<String, String> environment;

  ServerExampleRun(String prefix, DatabaseTarget primary, DatabaseTarget replica) {
    this.environment = Map.of(
        "CENOTE_" + prefix + "_PRIMARY_URL", primary.jdbcUrl(),
        "CENOTE_" + prefix + "_REPLICA_URL", replica.jdbcUrl(),
        "CENOTE_DB_USER", primary.user(),
        "CENOTE_DB_PASSWORD", primary.password());
  }

  PrintStream outStream() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  PrintStream errStream() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  /**
   * Returns the output without the servers' URLs, which it prints on purpose: a short test
   * password (such as {@code app}) may be part of a URL's database name.
   *
   * @return the output to search for the password
   */
  String outputWithoutUrls() {
    String text = output();
    for (String key : environment.keySet()) {
      if (key.endsWith("_URL")) {
        text = text.replace(environment.get(key), "<url>");
      }
    }
    return text;
  }
}
