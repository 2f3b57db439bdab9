package io.cenote.testkit.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One proxied connection: the client's socket, a socket to the server, and a {@link Pipe} each
 * way, run by four daemon threads.
 *
 * <p>Design: the upstream reader thread first connects to the server, so a slow or dead server
 * never holds up the proxy's accept loop; then it starts the other three threads and reads. A
 * clean end of stream travels on as a half-close, and when both directions have ended the link
 * closes. Any I/O failure on either side resets the whole link (both sockets closed with
 * {@code SO_LINGER} 0, so each peer gets an RST), which is how a reset on one side reaches the
 * other. Closing is idempotent: it closes the sockets, which ends blocking socket reads and
 * writes, and interrupts the threads, which ends queue and fault waits. {@link #lock} orders
 * closing against the start of the three threads, so a closed link never starts a thread; the
 * owner hears once, through {@code onClose}, that the link closed.
 */
final class Link {

  /**
   * How long connecting to the server may take. The server is normally on loopback, where a
   * connect succeeds or is refused at once; this only bounds an unreachable remote address.
   */
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Socket client;
  private final Socket server = new Socket();
  private final InetSocketAddress serverAddress;
  private final Consumer<Link> onClose;
  private final Pipe upstream;
  private final Pipe downstream;
  /** The upstream reader first, which starts the other three once connected. */
  private final List<Thread> threads;
  private int endedDirections; // guarded by lock
  private boolean closed; // guarded by lock

  /**
   * @param threadPrefix start of the names of this link's threads
   * @param client the accepted client socket; the link owns it from now on
   * @param onClose called once, on the thread that closes the link
   */
  Link(String threadPrefix, Socket client, InetSocketAddress serverAddress, Faults faults,
      Traffic traffic, Consumer<Link> onClose) {
    this.client = client;
    this.serverAddress = serverAddress;
    this.onClose = onClose;
    this.upstream = new Pipe(this, Direction.UPSTREAM, client, server, faults, traffic);
    this.downstream = new Pipe(this, Direction.DOWNSTREAM, server, client, faults, traffic);
    this.threads = List.of(
        daemon(threadPrefix + "up-read", this::connectAndForward),
        daemon(threadPrefix + "up-write", upstream::writeLoop),
        daemon(threadPrefix + "down-read", downstream::readLoop),
        daemon(threadPrefix + "down-write", downstream::writeLoop));
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Starts the link: connects to the server, then forwards both ways. */
  void start() {
    threads.get(0).start();
  }

  private void connectAndForward() {
    try {
      // the proxy adds only the delays it is told to: no Nagle delay on either leg
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(serverAddress, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      reset(); // the client sees the server's refusal as a reset
      return;
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      threads.subList(1, threads.size()).forEach(Thread::start);
    } finally {
      lock.unlock();
    }
    upstream.readLoop();
  }

  /** Called by a pipe once it has passed its end of stream on; the second call closes. */
  void ended() {
    boolean both;
    lock.lock();
    try {
      both = ++endedDirections == 2;
    } finally {
      lock.unlock();
    }
    if (both) {
      close(false);
    }
  }

  /** Called by a pipe whose socket failed: resets both sides. */
  void fail() {
    reset();
  }

  /** Resets both sides at once: each peer gets an RST. Does nothing if already closed. */
  void reset() {
    close(true);
  }

  private void close(boolean reset) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    closeSocket(client, reset);
    closeSocket(server, reset);
    Thread current = Thread.currentThread();
    for (Thread thread : threads) {
      if (thread != current) {
        thread.interrupt();
      }
    }
    onClose.accept(this);
  }

  private static void closeSocket(Socket socket, boolean reset) {
    try {
      if (reset) {
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // already closed or never connected: closing below is all that is left
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more can be done for a socket that fails to close
    }
  }

  /** Tells whether the link is closed and none of its threads runs any more. */
  boolean stopped() {
    lock.lock();
    try {
      if (!closed) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  /**
   * Waits for the link's threads to end; call after closing it.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which to give up
   * @return the names of the threads still running at the deadline
   */
  List<String> join(long deadlineNanos) throws InterruptedException {
    for (Thread thread : threads) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (thread != Thread.currentThread() && remaining > 0) {
        thread.join(remaining);
      }
    }
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }
}
