package io.cenote.router;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records when each host was first excluded and re-admitted ({@code System.nanoTime}), and
 * every lagging report.
 */
final class TimingListener implements RouterListener {

  final Map<String, Long> excludedAt = new ConcurrentHashMap<>();
  final Map<String, Long> readmittedAt = new ConcurrentHashMap<>();
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<String> lagging = new CopyOnWriteArrayList<>();

  @Override
  public void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {
    excludedAt.putIfAbsent(host, System.nanoTime());
    log.add("excluded " + host + " " + reason + ": " + detail);
  }

  @Override
  public void onReadmitted(String cluster, String host, long excludedNanos) {
    readmittedAt.putIfAbsent(host, System.nanoTime());
    log.add("readmitted " + host + " after " + excludedNanos / 1_000_000 + " ms");
  }

  @Override
  public void onLagging(String cluster, String host, ReplicationLag lag) {
    lagging.add(host + ": " + lag.detail());
    log.add("lagging " + host + ": " + lag.detail());
  }

  void reset() {
    excludedAt.clear();
    readmittedAt.clear();
    lagging.clear();
  }

  /** Waits until {@code condition} holds, failing after {@code timeoutMillis}. */
  static void await(String what, long timeoutMillis, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
