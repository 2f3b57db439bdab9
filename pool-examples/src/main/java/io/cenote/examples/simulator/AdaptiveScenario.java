package io.cenote.examples.simulator;

import io.cenote.pool.ConnectionPool;
import java.util.List;
import java.util.Locale;

/**
 * Adaptive sizing follows a load ramp: the pool grows its maxSize while borrowers wait or it
 * is nearly full, and gives connections back slowly once the load falls.
 */
final class AdaptiveScenario implements Scenario {

  /** The smallest maxSize adaptive sizing may choose. */
  static final int MIN_SIZE = 2;

  @Override
  public String name() {
    return "adaptive";
  }

  @Override
  public String title() {
    return "adaptive sizing follows a load ramp up and down";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(16).withSeconds(45).withPool(3, 0);
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    int ceiling = Math.max(k.poolSize(), k.clients());
    ConnectionPool pool = run.open(run.pool(name()).minIdle(Math.min(MIN_SIZE, k.poolSize()))
        .adaptiveSizing(true).adaptiveMinSize(Math.min(MIN_SIZE, k.poolSize()))
        .adaptiveMaxSize(ceiling).build());
    run.phase("1 client; maxSize starts at " + k.poolSize() + " and may move between "
        + Math.min(MIN_SIZE, k.poolSize()) + " and " + ceiling);
    Clients clients = run.load(pool, Requests.on(pool, 50, 0.1), k.clients(), 1);
    int steps = 8;
    for (int i = 1; i <= steps; i++) {
      run.at(0.05 + 0.3 * i / steps);
      clients.setActive(Math.max(1, k.clients() * i / steps));
    }
    run.phase("ramp up done: " + k.clients() + " clients");
    run.at(0.45);
    run.phase("the load falls to 1 client");
    clients.setActive(1);
    run.at(1.0);
    run.stopLoad();
    List<Sample> samples = run.samples();
    int start = samples.isEmpty() ? k.poolSize() : samples.get(0).maxSize();
    int peak = samples.stream().mapToInt(Sample::maxSize).max().orElse(start);
    int end = pool.stats().maxSize();
    long grew = run.recorder().events().stream().filter(e -> e.kind() == SimEvent.Kind.RESIZE
        && grew(e.message())).count();
    long shrank = run.recorder().count(SimEvent.Kind.RESIZE) - grew;
    return new Outcome(List.of(
        Findings.count("startSize", "maxSize at the start", start, ""),
        Findings.count("peakSize", "largest maxSize", peak, "under " + k.clients() + " clients"),
        Findings.count("endSize", "maxSize at the end", end, "after the load fell"),
        Findings.count("grew", "steps up", grew, "after 2 busy seconds, by a quarter"),
        Findings.count("shrank", "steps down", shrank, "after 10 quiet seconds, by one")),
        String.format(Locale.ROOT, "As the load ramped up to %d clients the pool grew its"
            + " maxSize from %d to %d in %d steps; when it fell to one client it shrank %d"
            + " step(s), to %d by the end. Growing fast and shrinking slowly keeps latency low"
            + " in a burst without opening and closing connections on every wobble of the"
            + " load.", k.clients(), start, peak, grew, shrank, end));
  }

  /** Reads a RESIZE message such as {@code adaptive: maxSize 3 -> 4 (...)}. */
  private static boolean grew(String message) {
    String[] parts = message.replaceAll(".*maxSize (\\d+) -> (\\d+).*", "$1 $2").split(" ");
    return parts.length == 2 && Integer.parseInt(parts[1]) > Integer.parseInt(parts[0]);
  }
}
