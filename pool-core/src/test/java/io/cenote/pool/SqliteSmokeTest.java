package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSmokeTest {

  @TempDir
  Path dir;

  @Test
  void borrowsAndReturnsUnderLoad() throws Exception {
    Path db = dir.resolve("smoke.db");
    PoolConfig config = PoolConfig.builder().poolName("smoke").jdbcUrl("jdbc:sqlite:" + db)
        .maxSize(3).acquireTimeout(Duration.ofSeconds(5)).registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("create table t(x int)");
      }
      AtomicInteger ok = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread th = new Thread(() -> {
          for (int i = 0; i < 500; i++) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from t")) {
              rs.next();
              ok.incrementAndGet();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      PoolStats s = pool.stats();
      System.out.println(s);
      assertThat(ok.get()).isEqualTo(4000);
      assertThat(s.total()).isLessThanOrEqualTo(3);
      assertThat(s.active()).isZero();
      assertThat(s.acquired()).isEqualTo(4001);
    }
    assertThat(Files.exists(db)).isTrue();
  }
}
