package io.cenote.testkit.db;

import static io.cenote.testkit.db.DatabaseEngine.MARIADB;
import static io.cenote.testkit.db.DatabaseEngine.POSTGRESQL;
import static io.cenote.testkit.db.DatabaseRole.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/** Runs small test classes through JUnit to check what a missing database does to them. */
class RealDatabaseExtensionTest {

  /** Nothing listens on port 1 of the loopback interface. */
  private static final String DEAD_URL = "jdbc:postgresql://127.0.0.1:1/appdb";

  static final AtomicReference<DatabaseEnvironment> ENVIRONMENT = new AtomicReference<>();
  static final List<Path> SQLITE_FILES = new ArrayList<>();

  @Test
  void anUnreachableServerSkipsTheTestOutsideCi() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of("CENOTE_PG_PRIMARY_URL", DEAD_URL)));

    run(NeedsPostgresPrimary.class).assertThatEvents().haveExactly(1, event(test(),
        abortedWithReason(instanceOf(TestAbortedException.class),
            message(m -> m.contains(DEAD_URL) && m.contains("scripts/db.sh start")))));
  }

  @Test
  void anUnreachableServerFailsTheTestOnCi() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of("CENOTE_PG_PRIMARY_URL", DEAD_URL, "CI", "true")));

    run(NeedsPostgresPrimary.class).assertThatEvents().haveExactly(1, event(test(),
        finishedWithFailure(instanceOf(DatabaseUnavailableException.class),
            message(m -> m.contains(DEAD_URL) && m.contains("Connection refused")))));
  }

  @Test
  void anUnconfiguredServerIsReportedByItsVariable() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of("CI", "true",
        "CENOTE_MARIADB_PRIMARY_URL", "jdbc:mysql://127.0.0.1:1/appdb")));

    run(NeedsMariaDbReplica.class).assertThatEvents().haveExactly(1, event(test(),
        finishedWithFailure(instanceOf(DatabaseUnavailableException.class),
            message(m -> m.contains("CENOTE_MARIADB_REPLICA_URL is not set")))));
  }

  @Test
  void aMissingServerInBeforeEachSkipsTheTest() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of("CENOTE_PG_REPLICA_URL", DEAD_URL)));

    run(NeedsReplicaBeforeEach.class).assertThatEvents().haveExactly(1, event(test(),
        abortedWithReason(instanceOf(TestAbortedException.class))));
  }

  @Test
  void aMissingServerInBeforeAllSkipsTheTests() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of("CENOTE_PG_REPLICA_URL", DEAD_URL)));

    Events events = run(NeedsReplicaBeforeAll.class);

    assertThat(events.failed().count()).isZero();
    assertThat(events.succeeded().count()).isZero();
  }

  @Test
  void aWrongParameterTypeIsRejectedClearly() {
    ENVIRONMENT.set(DatabaseEnvironment.of(Map.of()));

    run(WrongParameterType.class).assertThatEvents().haveExactly(1, event(test(),
        finishedWithFailure(instanceOf(ParameterResolutionException.class),
            message(m -> m.contains("@Database needs a DatabaseTarget parameter")))));
  }

  @Test
  void aTemporarySqliteDatabaseIsDeletedAfterTheTest() {
    SQLITE_FILES.clear();

    Events tests = run(UsesSqlite.class);

    tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(SQLITE_FILES).hasSize(3).doesNotHaveDuplicates().noneMatch(Files::exists);
  }

  @Test
  void unwrapsOnlyOurOwnOutcomes() {
    TestAbortedException skip = new TestAbortedException("skipped");
    IllegalStateException other = new IllegalStateException("boom");

    assertThat(RealDatabaseExtension.missingDatabaseCause(
        new ParameterResolutionException("wrapped", skip))).isSameAs(skip);
    ParameterResolutionException foreign = new ParameterResolutionException("wrapped", other);
    assertThat(RealDatabaseExtension.missingDatabaseCause(foreign)).isSameAs(foreign);
    assertThat(RealDatabaseExtension.missingDatabaseCause(other)).isSameAs(other);
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
        .testEvents();
  }

  /** Registers the extension with the environment of the running scenario. */
  abstract static class Scenario {
    @RegisterExtension
    static final RealDatabaseExtension DATABASES = new RealDatabaseExtension(ENVIRONMENT::get);
  }

  static class NeedsPostgresPrimary extends Scenario {
    @Test
    void test(@Database(engine = POSTGRESQL) DatabaseTarget primary) {}
  }

  static class NeedsMariaDbReplica extends Scenario {
    @Test
    void test(@Database(engine = MARIADB, role = REPLICA) DatabaseTarget replica) {}
  }

  static class NeedsReplicaBeforeEach extends Scenario {
    @BeforeEach
    void setUp(@Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) {}

    @Test
    void test() {}
  }

  static class NeedsReplicaBeforeAll extends Scenario {
    @BeforeAll
    static void setUp(@Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) {}

    @Test
    void test() {}
  }

  static class WrongParameterType extends Scenario {
    @Test
    void test(@Database(engine = POSTGRESQL) String url) {}
  }

  static class UsesSqlite extends Scenario {
    @Test
    void test(@TempSqliteDatabase SqliteDatabase database, @TempSqliteDatabase String url,
        @TempSqliteDatabase Path file) throws Exception {
      Sql.execute(database, "CREATE TABLE t (id INTEGER)", "INSERT INTO t VALUES (1)");
      assertThat(Sql.queryLong(database, "SELECT count(*) FROM t")).isEqualTo(1);
      assertThat(url).startsWith("jdbc:sqlite:/");
      assertThat(file).exists();
      SQLITE_FILES.addAll(List.of(database.file(), Path.of(url.substring("jdbc:sqlite:".length())),
          file));
    }
  }
}
