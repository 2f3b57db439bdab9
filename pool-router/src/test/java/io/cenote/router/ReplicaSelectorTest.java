package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.ConnectionPool;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in strategies' distributions, on fake replicas with set loads. */
class ReplicaSelectorTest {

  /** A replica with a load the test sets. */
  record Fake(String name, int inFlight, int capacity) implements Replica {
    @Override
    public ConnectionPool pool() {
      throw new UnsupportedOperationException();
    }
  }

  private static Map<String, Integer> pick(ReplicaSelector selector, ReplicaSet set, int times) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < times; i++) {
      counts.merge(selector.select(set).name(), 1, Integer::sum);
    }
    return counts;
  }

  private static final ReplicaSet THREE =
      ReplicaSet.of(new Fake("a", 0, 10), new Fake("b", 0, 10), new Fake("c", 0, 10));

  @Test
  void roundRobinIsExactlyEven() {
    Map<String, Integer> counts = pick(Strategy.ROUND_ROBIN.newSelector(),
        ReplicaSet.of(new Fake("a", 0, 1), new Fake("b", 0, 1)), 10_000);
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 5_000, "b", 5_000));

    Map<String, Integer> three = pick(Strategy.ROUND_ROBIN.newSelector(), THREE, 9_999);
    assertThat(three.values()).containsOnly(3_333);
  }

  @Test
  void randomIsRoughlyEven() {
    Map<String, Integer> counts = pick(Strategy.RANDOM.newSelector(), THREE, 30_000);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(9_000, 11_000));
  }

  @Test
  void leastLoadedPrefersTheIdleReplica() {
    ReplicaSet set = ReplicaSet.of(new Fake("busy", 8, 10), new Fake("idle", 0, 10),
        new Fake("half", 5, 10));
    assertThat(pick(Strategy.LEAST_LOADED.newSelector(), set, 1_000))
        .containsExactlyEntriesOf(Map.of("idle", 1_000));
  }

  @Test
  void leastLoadedComparesLoadRelativeToCapacity() {
    ReplicaSet set = ReplicaSet.of(new Fake("small", 3, 4), new Fake("big", 10, 40));
    assertThat(pick(Strategy.LEAST_LOADED.newSelector(), set, 100))
        .containsExactlyEntriesOf(Map.of("big", 100));
  }

  @Test
  void leastLoadedSpreadsTies() {
    Map<String, Integer> counts = pick(Strategy.LEAST_LOADED.newSelector(), THREE, 30_000);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(9_000, 11_000));
  }

  @Test
  void aSingleCandidateIsAlwaysChosen() {
    ReplicaSet one = ReplicaSet.of(new Fake("only", 9, 10));
    for (Strategy s : Strategy.values()) {
      assertThat(s.newSelector().select(one).name()).isEqualTo("only");
    }
  }

  @Test
  void aReplicaSetIsACopy() {
    Replica[] array = {new Fake("a", 0, 1)};
    ReplicaSet set = ReplicaSet.of(array);
    array[0] = new Fake("b", 0, 1);
    assertThat(set.get(0).name()).isEqualTo("a");
    assertThat(set).hasToString("[a]");
  }
}
