package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.crc;
import static io.cenote.testkit.net.NetTests.echo;
import static io.cenote.testkit.net.NetTests.millisSince;
import static io.cenote.testkit.net.NetTests.randomBytes;
import static io.cenote.testkit.net.NetTests.read;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only lower bounds on time: a loaded machine makes anything slower, never faster. */
class LatencyTest extends ProxyTestBase {

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /** Times one round trip in milliseconds. */
  private static long timedRoundTrip(Socket client, String text) throws Exception {
    long start = System.nanoTime();
    assertThat(roundTrip(client, text)).isEqualTo(text);
    return millisSince(start);
  }

  @Test
  void upstreamLatencyDelaysEveryRoundTrip() throws Exception {
    proxy.latency(Direction.UPSTREAM, Duration.ofMillis(200));

    try (Socket client = connect(proxy)) {
      for (int i = 0; i < 5; i++) {
        long millis = timedRoundTrip(client, "ping" + i);
        System.out.println("upstream latency 200 ms: round trip " + millis + " ms");
        assertThat(millis).isGreaterThanOrEqualTo(200);
      }
    }
  }

  @Test
  void latencyBothWaysAddsUp() throws Exception {
    proxy.latency(Direction.BOTH, Duration.ofMillis(150));

    try (Socket client = connect(proxy)) {
      long millis = timedRoundTrip(client, "ping");
      System.out.println("latency 150 ms both ways: round trip " + millis + " ms");
      assertThat(millis).isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void latencyRangeDelaysByAtLeastTheMinimum() throws Exception {
    proxy.latency(Direction.DOWNSTREAM, Duration.ofMillis(100), Duration.ofMillis(200));

    try (Socket client = connect(proxy)) {
      for (int i = 0; i < 10; i++) {
        assertThat(timedRoundTrip(client, "ping" + i)).isGreaterThanOrEqualTo(100);
      }
    }
  }

  @Test
  void latencyTakesEffectOnAnOpenConnection() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "fast")).isEqualTo("fast");

      proxy.latency(Direction.UPSTREAM, Duration.ofMillis(200));

      assertThat(timedRoundTrip(client, "slow")).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void healReleasesBytesHeldByLatencyAtOnce() throws Exception {
    proxy.latency(Direction.UPSTREAM, Duration.ofHours(1));
    try (Socket client = connect(proxy)) {
      client.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
      NetTests.awaitBytesHeldUpstream(proxy);
      assertThat(server.received()).as("bytes still held by the proxy").isZero();

      long start = System.nanoTime();
      proxy.heal();

      assertThat(read(client, 4)).isEqualTo("held");
      System.out.println("heal released held bytes in " + millisSince(start) + " ms");
    }
  }

  @Test
  void bytesKeepTheirOrderUnderJitter() throws Exception {
    proxy.latency(Direction.BOTH, Duration.ZERO, Duration.ofMillis(20));
    byte[] payload = randomBytes(1024 * 1024, 7);

    long start = System.nanoTime();
    byte[] back;
    try (Socket client = connect(proxy)) {
      back = echo(client, payload, executor);
    }

    System.out.println("1 MiB echo with 0..20 ms jitter both ways: " + millisSince(start) + " ms");
    assertThat(back).hasSize(payload.length);
    assertThat(crc(back)).isEqualTo(crc(payload));
  }

  @Test
  void latencyIsPipelinedNotPaidPerChunk() throws Exception {
    // 1 MiB is 64+ proxy chunks each way: paid per chunk, 50 ms would cost over 6 s
    proxy.latency(Direction.BOTH, Duration.ofMillis(50));
    byte[] payload = randomBytes(1024 * 1024, 8);

    long start = System.nanoTime();
    byte[] back;
    try (Socket client = connect(proxy)) {
      back = echo(client, payload, executor);
    }

    long millis = millisSince(start);
    System.out.println("1 MiB echo with 50 ms latency both ways: " + millis + " ms");
    assertThat(millis).isGreaterThanOrEqualTo(100);
    assertThat(crc(back)).isEqualTo(crc(payload));
  }

  @Test
  void rejectsNegativeAndInvertedLatency() {
    assertThatThrownBy(() -> proxy.latency(Direction.UPSTREAM, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency must be >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> proxy.latency(Direction.UPSTREAM, Duration.ofMillis(5),
        Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency maximum must be >= its minimum PT0.005S, but was PT0.001S");
  }
}
