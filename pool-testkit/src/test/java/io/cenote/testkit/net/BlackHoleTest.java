package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.await;
import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.read;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlackHoleTest extends ProxyTestBase {

  /** Short read timeout for reads that must time out: any value proves nothing arrived. */
  private static final int SILENCE_MILLIS = 300;

  private static void write(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts a read with a short timeout times out: no bytes, no end of stream, no reset. */
  private static void assertSilent(Socket client) throws IOException {
    client.setSoTimeout(SILENCE_MILLIS);
    try {
      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
    } finally {
      client.setSoTimeout(NetTests.READ_TIMEOUT_MILLIS);
    }
  }

  @Test
  void downstreamBlackHoleDropsRepliesWithoutResetting() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");

      proxy.blackHole(Direction.DOWNSTREAM);
      write(client, "lost");

      assertSilent(client);
      await("the reply was dropped", () -> proxy.bytesDropped(Direction.DOWNSTREAM) == 4);
      assertThat(server.received()).as("the request went through").isEqualTo(8);
      assertThat(proxy.openConnections()).isEqualTo(1);
      assertThat(server.resetByPeer()).isZero();

      proxy.heal();

      assertThat(roundTrip(client, "back")).as("the dropped reply is not delivered late")
          .isEqualTo("back");
      assertSilent(client);
    }
  }

  @Test
  void upstreamBlackHoleDropsRequestsButServerBytesStillArrive() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");

      proxy.blackHole(Direction.UPSTREAM);
      write(client, "abc");

      await("the request was dropped", () -> proxy.bytesDropped(Direction.UPSTREAM) == 3);
      assertThat(server.received()).as("the server got nothing new").isEqualTo(4);
      assertSilent(client);

      server.sendToAll("hello".getBytes(StandardCharsets.UTF_8));

      assertThat(read(client, 5)).isEqualTo("hello");
      assertThat(proxy.bytesDropped(Direction.DOWNSTREAM)).isZero();
    }
  }

  @Test
  void newConnectionsAreAcceptedButSilentThenWorkAfterHeal() throws Exception {
    proxy.blackHole(Direction.BOTH);
    try (Socket partitioned = connect(proxy)) {
      write(partitioned, "ping");

      await("the request was dropped", () -> proxy.bytesDropped(Direction.UPSTREAM) == 4);
      assertSilent(partitioned);
      assertThat(proxy.openConnections()).isEqualTo(1);
      assertThat(server.received()).isZero();

      proxy.heal();

      try (Socket fresh = connect(proxy)) {
        assertThat(roundTrip(fresh, "fresh")).isEqualTo("fresh");
      }
      assertThat(roundTrip(partitioned, "x")).as("the lost ping never arrives").isEqualTo("x");
    }
  }

  @Test
  void blackHoleDropsBytesAlreadyInsideTheProxy() throws Exception {
    proxy.latency(Direction.UPSTREAM, Duration.ofHours(1));
    try (Socket client = connect(proxy)) {
      write(client, "abc");
      NetTests.awaitBytesHeldUpstream(proxy);

      proxy.blackHole(Direction.UPSTREAM);
      await("the held bytes were dropped", () -> proxy.bytesDropped(Direction.UPSTREAM) == 3);
      proxy.heal();

      assertThat(roundTrip(client, "d")).isEqualTo("d");
      assertThat(server.received()).isEqualTo(1);
    }
  }

  @Test
  void healOfOneDirectionKeepsTheOther() throws Exception {
    proxy.blackHole(Direction.BOTH).heal(Direction.UPSTREAM);
    try (Socket client = connect(proxy)) {
      write(client, "up");

      await("the request arrived", () -> server.received() == 2);
      assertSilent(client);
      assertThat(proxy.bytesDropped(Direction.DOWNSTREAM)).isEqualTo(2);
    }
  }

  @Test
  void closesStillCrossABlackHole() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");
      proxy.blackHole(Direction.BOTH);
    }

    await("the server saw the client leave", () -> server.endedByPeer() == 1);
    await("the proxy closed the connection", () -> proxy.openConnections() == 0);
  }
}
