package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.crc;
import static io.cenote.testkit.net.NetTests.echo;
import static io.cenote.testkit.net.NetTests.millisSince;
import static io.cenote.testkit.net.NetTests.randomBytes;
import static io.cenote.testkit.net.NetTests.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only lower bounds on time: a loaded machine makes anything slower, never faster. */
class BandwidthTest extends ProxyTestBase {

  private static final int KIB = 1024;

  /**
   * Share of the ideal transfer time asserted as the lower bound: the pacing rounds each slice's
   * cost down to the nanosecond, and milliseconds are truncated, so allow a little less.
   */
  private static final double LOWER_BOUND_SHARE = 0.95;

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /** Echoes {@code size} bytes and returns the milliseconds it took. */
  private long timedEcho(int size) throws Exception {
    byte[] payload = randomBytes(size, size);
    long start = System.nanoTime();
    byte[] back;
    try (Socket client = connect(proxy)) {
      back = echo(client, payload, executor);
    }
    long millis = millisSince(start);
    assertThat(crc(back)).isEqualTo(crc(payload));
    return millis;
  }

  @Test
  void downstreamLimitSlowsATransfer() throws Exception {
    proxy.bandwidth(Direction.DOWNSTREAM, 256 * KIB);

    long millis = timedEcho(256 * KIB);

    System.out.println("256 KiB at 256 KiB/s downstream: " + millis + " ms");
    assertThat(millis).isGreaterThanOrEqualTo((long) (1000 * LOWER_BOUND_SHARE));
  }

  @Test
  void upstreamLimitSlowsATransfer() throws Exception {
    proxy.bandwidth(Direction.UPSTREAM, 128 * KIB);

    long millis = timedEcho(192 * KIB);

    System.out.println("192 KiB at 128 KiB/s upstream: " + millis + " ms");
    assertThat(millis).isGreaterThanOrEqualTo((long) (1500 * LOWER_BOUND_SHARE));
  }

  @Test
  void healLiftsTheLimitAtOnce() throws Exception {
    proxy.bandwidth(Direction.DOWNSTREAM, 10); // 100 s for the 1000 bytes below
    byte[] payload = randomBytes(1000, 3);
    try (Socket client = connect(proxy)) {
      client.getOutputStream().write(payload);
      assertThat(client.getInputStream().read()).isNotNegative(); // the first byte came through

      long start = System.nanoTime();
      proxy.heal();

      byte[] rest = client.getInputStream().readNBytes(payload.length - 1);
      System.out.println("heal lifted the limit: the rest came in " + millisSince(start) + " ms");
      assertThat(rest).hasSize(payload.length - 1);
      assertThat(rest[rest.length - 1]).isEqualTo(payload[payload.length - 1]);
    }
  }

  @Test
  void limitTakesEffectOnAnOpenConnection() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(NetTests.roundTrip(client, "fast")).isEqualTo("fast");

      proxy.bandwidth(Direction.UPSTREAM, 40); // 10 bytes take at least 250 ms

      long start = System.nanoTime();
      client.getOutputStream().write("0123456789".getBytes(StandardCharsets.UTF_8));
      assertThat(read(client, 10)).isEqualTo("0123456789");
      assertThat(millisSince(start)).isGreaterThanOrEqualTo((long) (250 * LOWER_BOUND_SHARE));
    }
  }

  @Test
  void rejectsALimitBelowOneBytePerSecond() {
    assertThatThrownBy(() -> proxy.bandwidth(Direction.BOTH, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bytesPerSecond must be >= 1, but was 0");
  }
}
