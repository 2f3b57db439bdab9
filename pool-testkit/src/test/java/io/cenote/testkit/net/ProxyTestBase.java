package io.cenote.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * An echo server and a proxy in front of it for each test; after each test the proxy is closed
 * and must leave no thread and no connection behind.
 */
@Timeout(120)
abstract class ProxyTestBase {

  EchoServer server;
  NetworkFaultProxy proxy;

  @BeforeEach
  void startProxy() throws Exception {
    server = EchoServer.start();
    proxy = NetworkFaultProxy.start(NetTests.uniqueName(getClass().getSimpleName()), "127.0.0.1",
        server.port());
  }

  @AfterEach
  void closeProxy() throws Exception {
    try {
      proxy.close();
      assertThat(NetTests.proxyThreads(proxy.name())).as("threads left by " + proxy).isEmpty();
      assertThat(proxy.openConnections()).isZero();
    } finally {
      server.close();
    }
  }
}
