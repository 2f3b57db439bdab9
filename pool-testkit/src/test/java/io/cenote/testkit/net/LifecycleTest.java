package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.await;
import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.proxyThreads;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LifecycleTest extends ProxyTestBase {

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void closeResetsConnectionsInEveryStateAndStopsEveryThread() throws Exception {
    List<Socket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) { // idle
        Socket client = connect(proxy);
        clients.add(client);
        assertThat(roundTrip(client, "idle")).isEqualTo("idle");
      }
      proxy.latency(Direction.UPSTREAM, Duration.ofHours(1));
      for (int i = 0; i < 3; i++) { // bytes held by latency
        Socket client = connect(proxy);
        clients.add(client);
        client.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
      }
      proxy.heal().bandwidth(Direction.DOWNSTREAM, 1);
      for (int i = 0; i < 3; i++) { // a trickle of bytes
        Socket client = connect(proxy);
        clients.add(client);
        client.getOutputStream().write(new byte[1000]);
      }
      proxy.heal().blackHole(Direction.BOTH);
      for (int i = 0; i < 3; i++) { // partitioned
        Socket client = connect(proxy);
        clients.add(client);
        client.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
      }
      await("every connection accepted", () -> proxy.openConnections() == 12);
      await("four threads per connection", () -> proxyThreads(proxy.name()).size() == 1 + 12 * 4);

      proxy.close();

      assertThat(proxyThreads(proxy.name())).isEmpty();
      assertThat(proxy.openConnections()).isZero();
      for (Socket client : clients) {
        client.setSoTimeout(NetTests.READ_TIMEOUT_MILLIS);
        assertThatThrownBy(() -> client.getInputStream().readAllBytes())
            .isInstanceOf(IOException.class)
            .isNotInstanceOf(SocketTimeoutException.class);
      }
      assertThatThrownBy(() -> new Socket(proxy.host(), proxy.port()).close())
          .as("nothing listens on the port any more").isInstanceOf(IOException.class);
    } finally {
      for (Socket client : clients) {
        client.close();
      }
    }
  }

  @Test
  void closeTwiceIsHarmlessAndFaultsAfterCloseDoNothing() throws Exception {
    proxy.close();
    proxy.close();

    proxy.latency(Direction.BOTH, Duration.ofMillis(1)).cutAll().heal();
    assertThat(proxy.openConnections()).isZero();
    assertThat(proxyThreads(proxy.name())).isEmpty();
  }

  @Test
  void shortConnectionsLeaveNothingBehind() throws Exception {
    int connections = 200;
    for (int i = 0; i < connections; i++) {
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "n" + i)).isEqualTo("n" + i);
      }
    }

    await("every connection closed", () -> proxy.openConnections() == 0);
    await("only the accept thread left", () -> proxyThreads(proxy.name()).size() == 1);
    assertThat(proxy.acceptedConnections()).isEqualTo(connections);
    assertThat(server.endedByPeer()).isEqualTo(connections);
  }

  @Tag("concurrency")
  @Test
  void closeWhileClientsConnectLeavesNothingBehind() throws Exception {
    for (int iteration = 0; iteration < 20; iteration++) {
      String name = NetTests.uniqueName("closing");
      NetworkFaultProxy closing = NetworkFaultProxy.start(name, server.address());
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch connected = new CountDownLatch(4);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        clients.add(executor.submit(() -> {
          boolean first = true;
          while (!stop.get()) {
            try (Socket client = new Socket(closing.host(), closing.port())) {
              client.setSoTimeout(NetTests.READ_TIMEOUT_MILLIS);
              roundTrip(client, "x");
            } catch (IOException | AssertionError expected) {
              // the proxy closed under us
            }
            if (first) {
              connected.countDown();
              first = false;
            }
          }
          return null;
        }));
      }
      assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
      closing.cutAll();

      closing.close();

      assertThat(proxyThreads(name)).as("iteration %d", iteration).isEmpty();
      assertThat(closing.openConnections()).isZero();
      stop.set(true);
      for (Future<?> client : clients) {
        client.get(30, TimeUnit.SECONDS);
      }
    }
  }
}
