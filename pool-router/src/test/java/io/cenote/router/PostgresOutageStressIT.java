package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The replica outage of {@link PostgresRoutingIT}, twenty times in a row on one cluster under
 * 16 readers: prints every round and the minimum, median and maximum of the exclusion time
 * (from when {@code stop()} began) and of the re-admission time (from when the replica served
 * again, polled from outside the router). Tagged {@code stress}: it takes a minute or more, so
 * the normal build leaves it out (the parent POM sets {@code excludedGroups=stress}). Run it with
 * {@code mvn -B -o -pl pool-router verify -DexcludedGroups= -Dgroups=stress -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@Tag("stress")
class PostgresOutageStressIT extends PostgresPairTests {

  private static final int ROUNDS = 20;
  private static final int READERS = 16;

  @Test
  void aReplicaStoppedAndStartedTwentyTimesUnderLoad() throws Exception {
    TimingListener timing = new TimingListener();
    cluster = Cluster.start(cluster("pg-stress").listener(timing).build());
    ReadLoad load = new ReadLoad(cluster, READERS, roleQuery());
    List<Outage> outages = new ArrayList<>();
    try (ReadinessWatch watch = watchReplica()) {
      for (int round = 1; round <= ROUNDS; round++) {
        Outage outage = stopAndStartTheReplica(load, timing, watch, "pg-stress-replica");
        log("round " + round + ": " + outage);
        outages.add(outage);
      }
    } finally {
      load.stop();
    }

    log(summary("excluded, ms after stop() began", outages, Outage::excludedMs));
    log(summary("re-admitted, ms after the replica served again", outages,
        Outage::readmittedMs));
    assertThat(load.failures).as("failed reads").isEmpty();
    assertThat(outages).allSatisfy(outage -> assertThat(outage.readmittedMs())
        .isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + READMISSION_SLACK_MILLIS));
  }

  private static String summary(String what, List<Outage> outages, ToLongFunction<Outage> f) {
    long[] values = outages.stream().mapToLong(f).sorted().toArray();
    long median = values.length % 2 == 1 ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    return String.format("%s over %d rounds: min %d, median %d, max %d", what, values.length,
        values[0], median, values[values.length - 1]);
  }
}
