package io.cenote.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.DurationHistogram;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Entry-owned histograms, their fold into the shared one, and snapshots over both. */
class OwnedHistogramTest {

  @Test
  void aSnapshotOverOwnedAndSharedHistogramsSeesEveryRecord() {
    OwnedHistogram a = new OwnedHistogram();
    OwnedHistogram b = new OwnedHistogram();
    LatencyHistogram shared = new LatencyHistogram();
    for (long v = 1; v <= 100; v++) {
      (v % 2 == 0 ? a : b).record(v * 1_000);
    }
    shared.record(1_000_000);

    DurationHistogram s = new LatencyHistogram.Snapshot().add(shared).add(a).add(b)
        .histogram(0);

    assertThat(s.count()).isEqualTo(101);
    assertThat(s.totalNanos()).isEqualTo(5_050_000 + 1_000_000);
    assertThat(s.maxNanos()).isEqualTo(1_000_000);
    assertThat(s.percentileNanos(0.50)).isBetween(50_000L, 50_000L * 5 / 4);
  }

  @Test
  void foldingMovesCountsSumAndMaxIntoTheSharedHistogram() {
    OwnedHistogram owned = new OwnedHistogram();
    owned.record(7);
    owned.record(3_000);
    owned.record(-5); // counts as zero
    LatencyHistogram shared = new LatencyHistogram();

    shared.add(owned);
    DurationHistogram s = shared.snapshot(0);

    assertThat(s.count()).isEqualTo(3);
    assertThat(s.totalNanos()).isEqualTo(3_007);
    assertThat(s.maxNanos()).isEqualTo(3_000);
    assertThat(s.percentileNanos(0.50)).isEqualTo(7);
  }

  @Test
  void extraZerosShiftThePercentiles() {
    OwnedHistogram owned = new OwnedHistogram();
    owned.record(1_000_000);

    DurationHistogram s = new LatencyHistogram.Snapshot().add(owned).histogram(99);

    assertThat(s.count()).isEqualTo(100);
    assertThat(s.percentileNanos(0.50)).isZero();
    assertThat(s.percentileNanos(0.99)).isZero();
    assertThat(s.maxNanos()).isEqualTo(1_000_000);
  }

  @Test
  void aConcurrentReaderNeverSeesMoreThanWasRecorded() throws InterruptedException {
    OwnedHistogram owned = new OwnedHistogram();
    int records = 200_000;
    AtomicBoolean overshoot = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      for (int i = 0; i < records; i++) {
        owned.record(i % 1_000);
      }
      done.countDown();
    });
    writer.start();
    while (done.getCount() > 0) {
      long seen = new LatencyHistogram.Snapshot().add(owned).histogram(0).count();
      if (seen > records || seen < 0) {
        overshoot.set(true);
      }
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    writer.join();

    assertThat(overshoot).isFalse();
    assertThat(new LatencyHistogram.Snapshot().add(owned).histogram(0).count()).isEqualTo(records);
  }
}
