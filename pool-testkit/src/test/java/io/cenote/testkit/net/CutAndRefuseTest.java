package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.await;
import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.millisSince;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CutAndRefuseTest extends ProxyTestBase {

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /** Reads one byte on another thread; the future holds what the read threw, or null. */
  private Future<Throwable> blockedRead(Socket client) {
    return executor.submit(() -> {
      try {
        int b = client.getInputStream().read();
        return new AssertionError("read returned " + b + " instead of failing");
      } catch (IOException e) {
        return e;
      }
    });
  }

  @Test
  void cutAllResetsEveryOpenConnectionOnBothSides() throws Exception {
    int connections = 5;
    List<Socket> clients = new ArrayList<>();
    List<Future<Throwable>> reads = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        Socket client = connect(proxy);
        clients.add(client);
        assertThat(roundTrip(client, "ping" + i)).isEqualTo("ping" + i);
        reads.add(blockedRead(client));
      }
      assertThat(proxy.openConnections()).isEqualTo(connections);

      long start = System.nanoTime();
      proxy.cutAll();

      assertThat(proxy.openConnections()).isZero();
      for (Future<Throwable> read : reads) {
        assertThat(read.get(30, TimeUnit.SECONDS))
            .isInstanceOf(IOException.class)
            .isNotInstanceOf(SocketTimeoutException.class);
      }
      System.out.println("cutAll: blocked reads failed " + millisSince(start) + " ms after the cut");
      await("the server saw every reset", () -> server.resetByPeer() == connections);
    } finally {
      for (Socket client : clients) {
        client.close();
      }
    }

    try (Socket fresh = connect(proxy)) {
      assertThat(roundTrip(fresh, "after")).isEqualTo("after");
    }
  }

  @Test
  void cutAllFailsTheNextReadOfAnIdleConnection() throws Exception {
    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "ping")).isEqualTo("ping");

      proxy.cutAll();

      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void refuseNewResetsNewConnectionsAndKeepsOpenOnes() throws Exception {
    int refused = 10;
    try (Socket open = connect(proxy)) {
      assertThat(roundTrip(open, "before")).isEqualTo("before");

      proxy.refuseNew();

      for (int i = 0; i < refused; i++) {
        try (Socket client = connect(proxy)) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> client.getInputStream().read())
              .isInstanceOf(IOException.class)
              .isNotInstanceOf(SocketTimeoutException.class);
          if (i == 0) {
            System.out.println("refuseNew: first read failed after " + millisSince(start) + " ms");
          }
        }
      }
      assertThat(roundTrip(open, "still")).isEqualTo("still");
      assertThat(proxy.refusedConnections()).isEqualTo(refused);

      proxy.acceptNew();

      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "again")).isEqualTo("again");
      }
    }
    assertThat(proxy.acceptedConnections()).isEqualTo(2);
    assertThat(server.accepted()).as("refused connections never reach the server").isEqualTo(2);
  }

  @Test
  void healEndsRefusal() throws Exception {
    proxy.refuseNew();
    proxy.heal();

    try (Socket client = connect(proxy)) {
      assertThat(roundTrip(client, "healed")).isEqualTo("healed");
    }
    assertThat(proxy.refusedConnections()).isZero();
  }
}
