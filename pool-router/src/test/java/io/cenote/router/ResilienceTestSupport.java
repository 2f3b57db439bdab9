package io.cenote.router;

import io.cenote.resilience.BreakerState;
import io.cenote.resilience.ResilienceListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The event recorder of the clusters with a resilience section under test. */
final class ResilienceTestSupport {

  private ResilienceTestSupport() {}

  /** Records events as short strings. */
  static final class Recorder implements ResilienceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onStateTransition(String host, BreakerState from, BreakerState to) {
      events.add(host + " " + from + "->" + to);
    }

    @Override
    public void onRetry(String host, int attempt, Duration wait, SQLException error) {
      events.add(host + " retry " + attempt + " " + error.getSQLState());
    }

    @Override
    public void onRetrySucceeded(String host, int attempts) {
      events.add(host + " succeeded after " + attempts);
    }

    @Override
    public void onFailFast(String host, BreakerState state) {
      events.add(host + " fail-fast " + state);
    }

    @Override
    public void onFallback(String host) {
      events.add(host + " fallback");
    }

    @Override
    public void onUnknownCommitOutcome(String host, SQLException error) {
      events.add(host + " unknown commit " + error.getSQLState());
    }

    long count(String prefix) {
      return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
  }
}
