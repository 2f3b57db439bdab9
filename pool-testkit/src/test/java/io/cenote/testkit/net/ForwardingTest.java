package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.await;
import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.crc;
import static io.cenote.testkit.net.NetTests.echo;
import static io.cenote.testkit.net.NetTests.randomBytes;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.ThreadMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForwardingTest extends ProxyTestBase {

  private static final int MIB = 1024 * 1024;

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void forwardsOneMebibyteBothWaysIntact() throws Exception {
    byte[] payload = randomBytes(MIB, 1);

    byte[] back;
    try (Socket client = connect(proxy)) {
      back = echo(client, payload, executor);
    }

    assertThat(back).hasSize(MIB);
    assertThat(crc(back)).isEqualTo(crc(payload));
    await("all bytes counted", () -> proxy.bytesForwarded(Direction.DOWNSTREAM) == MIB);
    assertThat(proxy.bytesForwarded(Direction.UPSTREAM)).isEqualTo(MIB);
    assertThat(proxy.bytesForwarded(Direction.BOTH)).isEqualTo(2L * MIB);
    assertThat(proxy.bytesDropped(Direction.BOTH)).isZero();
    assertThat(proxy.acceptedConnections()).isEqualTo(1);
  }

  @Tag("concurrency")
  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void parallelConnectionsKeepTheirBytesApart(ThreadMode mode) throws Exception {
    int connections = 20;
    int rounds = 3;
    int size = 128 * 1024;
    ExecutorService clients = mode.newExecutor("proxy-client");
    try {
      for (int round = 0; round < rounds; round++) {
        List<Future<Long>> checksums = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
          byte[] payload = randomBytes(size, round * 100L + c);
          checksums.add(clients.submit(() -> {
            try (Socket client = connect(proxy)) {
              byte[] back = echo(client, payload, clients);
              return back.length == size ? crc(back) : -1L;
            }
          }));
        }
        for (int c = 0; c < connections; c++) {
          assertThat(checksums.get(c).get(60, TimeUnit.SECONDS))
              .as("round %d, connection %d", round, c)
              .isEqualTo(crc(randomBytes(size, round * 100L + c)));
        }
      }
    } finally {
      clients.shutdownNow();
    }

    await("every connection closed", () -> proxy.openConnections() == 0);
    assertThat(proxy.acceptedConnections()).isEqualTo((long) connections * rounds);
    await("all bytes counted",
        () -> proxy.bytesForwarded(Direction.BOTH) == 2L * connections * rounds * size);
  }

  @Test
  void clientCloseReachesTheServerAndEndsTheConnection() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");
      assertThat(proxy.openConnections()).isEqualTo(1);
    }

    await("the server saw the end", () -> server.endedByPeer() == 1);
    await("the proxy closed the connection", () -> proxy.openConnections() == 0);
  }

  @Test
  void serverCloseReachesTheClientAsEndOfStream() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");

      server.closeConnections();

      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
    await("the proxy closed the connection", () -> proxy.openConnections() == 0);
  }

  @Test
  void halfCloseDeliversEverythingBeforeTheEnd() throws Exception {
    try (Socket client = connect(proxy)) {
      client.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();

      byte[] back = client.getInputStream().readAllBytes();

      assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("abc");
    }
  }

  @Test
  void unreachableServerResetsTheClient() throws Exception {
    int deadPort;
    try (ServerSocket gone = new ServerSocket(0)) {
      deadPort = gone.getLocalPort();
    }
    try (NetworkFaultProxy dead = NetworkFaultProxy.start(NetTests.uniqueName("dead"),
        "127.0.0.1", deadPort); Socket client = connect(dead)) {

      assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
      await("the connection is gone", () -> dead.openConnections() == 0);
      assertThat(dead.acceptedConnections()).isEqualTo(1);
    }
  }

  @Test
  void toStringNamesTheProxyBothAddressesAndTheFaults() {
    assertThat(proxy).hasToString("NetworkFaultProxy[" + proxy.name() + " 127.0.0.1:"
        + proxy.port() + " -> 127.0.0.1:" + server.port() + ", open 0, healthy]");

    proxy.latency(Direction.UPSTREAM, Duration.ofMillis(5))
        .blackHole(Direction.DOWNSTREAM)
        .refuseNew();

    assertThat(proxy.toString()).contains("upstream latency PT0.005S", "downstream black hole",
        "refusing new connections");
  }

  @Test
  void addressesAreLoopbackAndAnEphemeralPort() {
    assertThat(proxy.host()).isEqualTo("127.0.0.1");
    assertThat(proxy.port()).isPositive().isNotEqualTo(server.port());
    assertThat(proxy.listenAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", proxy.port()));
    assertThat(proxy.upstreamAddress().getPort()).isEqualTo(server.port());
  }

  @Test
  void startRejectsBadArguments() {
    assertThatThrownBy(() -> NetworkFaultProxy.start(" ", "127.0.0.1", 5432))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> NetworkFaultProxy.start("p", "127.0.0.1", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was 0");
    assertThatThrownBy(() -> NetworkFaultProxy.start("p", "127.0.0.1", 65_536))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    assertThatThrownBy(() -> NetworkFaultProxy.start("p",
        InetSocketAddress.createUnresolved("db.example", 5432)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db.example");
    assertThatThrownBy(() -> NetworkFaultProxy.start(null, "127.0.0.1", 5432))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> proxy.blackHole(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("direction");
  }
}
