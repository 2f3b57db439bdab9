package io.cenote.router;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reader threads that run one query through {@link Cluster#read} in a loop, counting successes,
 * failures and what the query answered (for example whether the server is in recovery).
 */
final class ReadLoad {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  final LongAdder reads = new LongAdder();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  final ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();

  ReadLoad(Cluster cluster, int clients, String query) {
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          try {
            String answer = cluster.read(c -> {
              try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getString(1);
              }
            });
            answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
            reads.increment();
          } catch (SQLException | RuntimeException e) {
            failures.add(e);
          }
        }
      }, "read-load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  long answered(String answer) {
    LongAdder n = answers.get(answer);
    return n == null ? 0 : n.sum();
  }

  /** Stops the readers and waits for them; safe to call twice. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }
}
