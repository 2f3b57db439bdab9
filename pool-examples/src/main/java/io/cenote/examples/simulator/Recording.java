package io.cenote.examples.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Everything one scenario run produced: what the console showed as it went, and what the
 * summary and the HTML report are made from. Immutable.
 *
 * @param scenario the scenario's command-line name, such as {@code exhaustion}
 * @param title the scenario's one-line description
 * @param database the database it ran on, such as {@code SQLite (embedded)}
 * @param settings the pool settings and load it ran with, in display order; no secrets
 * @param startedAt when it started
 * @param seconds how long it ran
 * @param samples the once-a-second gauges, in time order
 * @param events what happened, in time order (all of it, also what the console throttled)
 * @param clients what each client did
 * @param waits the acquire-wait distribution of the whole run
 * @param findings the summary table's rows
 * @param lesson two or three sentences stating what the run showed, with its numbers
 */
public record Recording(
    String scenario,
    String title,
    String database,
    Map<String, String> settings,
    Instant startedAt,
    double seconds,
    List<Sample> samples,
    List<SimEvent> events,
    List<ClientTally> clients,
    List<WaitBucket> waits,
    List<Finding> findings,
    String lesson) {

  /** Copies the collections so the recording stays immutable. */
  public Recording {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lesson, "lesson");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    samples = List.copyOf(samples);
    events = List.copyOf(events);
    clients = List.copyOf(clients);
    waits = List.copyOf(waits);
    findings = List.copyOf(findings);
  }

  /**
   * Returns a summary figure by its key.
   *
   * @param key the finding's key, such as {@code timeouts}
   * @return its numeric value
   * @throws NoSuchElementException when the scenario reported no such figure
   */
  public double value(String key) {
    return findings.stream().filter(f -> f.key().equals(key)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(scenario + " reported no figure '" + key
            + "'; it has " + findings.stream().map(Finding::key).toList()))
        .value();
  }

  /**
   * Counts the events of one kind.
   *
   * @param kind the kind
   * @return how many were recorded
   */
  public long count(SimEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }
}
