package io.cenote.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server behind the proxy in these tests: a loopback TCP server that echoes what each
 * connection sends, on one thread per connection, and counts what happened.
 */
final class EchoServer implements AutoCloseable {

  /** Bytes per read: any size works, this one moves 1 MiB in few wake-ups. */
  private static final int BUFFER_BYTES = 8 * 1024;

  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger endedByPeer = new AtomicInteger();
  private final AtomicInteger resetByPeer = new AtomicInteger();
  private final LongAdder received = new LongAdder();
  private volatile boolean closing;

  private EchoServer(ServerSocket listener) {
    this.listener = listener;
  }

  static EchoServer start() throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    EchoServer server = new EchoServer(listener);
    server.spawn("echo-server-accept", server::acceptLoop);
    return server;
  }

  int port() {
    return listener.getLocalPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), port());
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Connections whose client side ended the stream cleanly (the server then closed). */
  int endedByPeer() {
    return endedByPeer.get();
  }

  /** Connections whose reads failed (a reset) while the server was not closing them itself. */
  int resetByPeer() {
    return resetByPeer.get();
  }

  /** Bytes read from all connections. */
  long received() {
    return received.sum();
  }

  /** Writes {@code bytes} to every open connection, unasked. */
  void sendToAll(byte[] bytes) throws IOException {
    for (Socket socket : open) {
      socket.getOutputStream().write(bytes);
    }
  }

  /** Closes every connection from the server's side, cleanly. */
  void closeConnections() throws IOException {
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void acceptLoop() {
    try {
      for (int n = 1; ; n++) {
        Socket socket = listener.accept();
        accepted.incrementAndGet();
        open.add(socket);
        spawn("echo-server-" + n, () -> echo(socket));
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void echo(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.add(n);
        out.write(buffer, 0, n);
      }
      endedByPeer.incrementAndGet();
    } catch (IOException e) {
      if (!closing && !socket.isClosed()) {
        resetByPeer.incrementAndGet();
      }
    } finally {
      open.remove(socket);
      try {
        socket.close();
      } catch (IOException e) {
        // the test is over for this connection
      }
    }
  }

  private void spawn(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    closing = true;
    listener.close();
    closeConnections();
    try {
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
