package io.cenote.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on the loopback interface that forwards every connection to one server and injects
 * network faults into them: resets, refused connections, latency, bandwidth limits and
 * partitions. Put it between a JDBC driver and a real database server with
 * {@link #rewrite(String)}; after Toxiproxy, as a plain Java library.
 *
 * <pre>{@code
 * try (NetworkFaultProxy proxy = NetworkFaultProxy.start("primary", "127.0.0.1", 5432)) {
 *   String url = proxy.rewrite("jdbc:postgresql://127.0.0.1:5432/appdb"); // 127.0.0.1:<proxy port>
 *   proxy.latency(Direction.DOWNSTREAM, Duration.ofMillis(20));           // results come late
 *   proxy.blackHole(Direction.BOTH);                                      // a partition
 *   proxy.heal();                                                         // all faults gone
 *   proxy.cutAll();                                                       // every connection reset
 * }
 * }</pre>
 *
 * <p>Every fault takes effect at once, also on connections already open and on bytes already on
 * their way through the proxy. Latency and bandwidth apply to each connection on its own, per
 * direction; a fault set for a direction is kept until it is replaced or healed. Every method is
 * thread-safe. The counters only grow, except {@link #openConnections()}.
 *
 * <p>How the ends of a connection travel: when one side closes (or half-closes) its socket, the
 * other side sees the end of the stream once the bytes before it are delivered, and the proxy
 * closes the connection when both sides have ended. When one side resets the connection or a
 * write fails, both sides are reset. A connection whose server cannot be reached is reset right
 * after it was accepted. Ends of streams and resets also cross a black hole: a partition drops
 * bytes, not the news that a peer has gone, so the proxy never keeps a connection open that
 * neither side uses.
 *
 * <p>Threads: one accept thread, and four per connection (a reader and a writer each way), all
 * daemon threads named {@code cenote-proxy-<name>-...}. They block on sockets, locks and
 * conditions from {@code java.util.concurrent}, never on monitors. Time is the real clock:
 * faults on real sockets cannot run on an injected ticker.
 */
public final class NetworkFaultProxy implements AutoCloseable {

  /** The address the proxy listens on: IPv4 loopback, which every JDBC driver can reach. */
  private static final String LISTEN_HOST = "127.0.0.1";

  /** Connections the kernel queues before they are accepted: a pool opening many at once. */
  private static final int BACKLOG = 128;

  /**
   * How long {@link #close()} waits for the proxy's threads. Once their sockets are closed they
   * end within milliseconds, so reaching this means a bug, reported as an exception.
   */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Pause after a failed accept on an open listener (out of file descriptors), not to spin. */
  private static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String name;
  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final Faults faults = new Faults();
  private final Traffic traffic = new Traffic();
  /** Orders {@link #close()} against admitting a connection, so none is admitted after it. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Links whose threads may still run; pruned when new ones arrive, joined on close. */
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong connectionIds = new AtomicLong();
  private final Thread acceptor;
  private boolean closed; // guarded by lock

  private NetworkFaultProxy(String name, InetSocketAddress upstream, ServerSocket listener) {
    this.name = name;
    this.upstream = upstream;
    this.listener = listener;
    this.acceptor = new Thread(this::acceptLoop, threadPrefix() + "accept");
    acceptor.setDaemon(true);
  }

  /**
   * Starts a proxy that listens on {@code 127.0.0.1} on a free port and forwards each connection
   * to {@code upstreamHost:upstreamPort}. The server need not be up: connections made while it is
   * down are reset, and they work again once it is back.
   *
   * @param name names the proxy in its threads and {@link #toString()}, e.g. {@code "primary"}
   * @param upstreamHost host name or address of the server
   * @param upstreamPort port of the server, 1 to 65535
   * @return the running proxy; close it to release its port and threads
   * @throws IllegalArgumentException if the name is blank, the port out of range, or the host
   *     cannot be resolved
   * @throws UncheckedIOException if no local port can be bound
   */
  public static NetworkFaultProxy start(String name, String upstreamHost, int upstreamPort) {
    Objects.requireNonNull(upstreamHost, "upstreamHost");
    requirePort(upstreamPort);
    return start(name, new InetSocketAddress(upstreamHost, upstreamPort));
  }

  /**
   * Starts a proxy that listens on {@code 127.0.0.1} on a free port and forwards each connection
   * to {@code upstream}.
   *
   * @param name names the proxy in its threads and {@link #toString()}, e.g. {@code "primary"}
   * @param upstream the server's resolved address, with a port from 1 to 65535
   * @return the running proxy; close it to release its port and threads
   * @throws IllegalArgumentException if the name is blank, the port out of range, or the address
   *     unresolved
   * @throws UncheckedIOException if no local port can be bound
   */
  public static NetworkFaultProxy start(String name, InetSocketAddress upstream) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(upstream, "upstream");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, but was \"" + name + "\"");
    }
    if (upstream.isUnresolved()) {
      throw new IllegalArgumentException(
          "proxy " + name + ": upstream host " + upstream.getHostString() + " cannot be resolved");
    }
    requirePort(upstream.getPort());
    ServerSocket listener = null;
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getByName(LISTEN_HOST), 0), BACKLOG);
      NetworkFaultProxy proxy = new NetworkFaultProxy(name, upstream, listener);
      proxy.acceptor.start();
      return proxy;
    } catch (IOException e) {
      closeQuietly(listener);
      throw new UncheckedIOException("proxy " + name + ": cannot listen on " + LISTEN_HOST, e);
    }
  }

  /**
   * Starts a proxy for the server a JDBC URL names, so that {@link #rewrite(String)} of the same
   * URL connects through it.
   *
   * <pre>{@code
   * NetworkFaultProxy proxy = NetworkFaultProxy.forJdbcUrl("primary", target.jdbcUrl());
   * String url = proxy.rewrite(target.jdbcUrl());
   * }</pre>
   *
   * @param name names the proxy in its threads and {@link #toString()}, e.g. {@code "primary"}
   * @param jdbcUrl a URL of the form {@code jdbc:<subprotocol>://[user[:password]@]host:port...}
   * @return the running proxy; close it to release its port and threads
   * @throws IllegalArgumentException if the URL has no single {@code host:port} (the message
   *     names it with its passwords masked), the name is blank, or the host cannot be resolved
   * @throws UncheckedIOException if no local port can be bound
   */
  public static NetworkFaultProxy forJdbcUrl(String name, String jdbcUrl) {
    JdbcUrls.Address address = JdbcUrls.address(jdbcUrl);
    if (address.port() == JdbcUrls.NO_PORT) {
      throw JdbcUrls.invalid(jdbcUrl, "it has no port; the proxy must know the server's port");
    }
    return start(name, address.host(), address.port());
  }

  private static void requirePort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("upstream port must be 1 to 65535, but was " + port);
    }
  }

  // ---------------------------------------------------------------- addresses

  /**
   * Returns the name given to {@link #start(String, InetSocketAddress)}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the host clients connect to.
   *
   * @return {@code "127.0.0.1"}
   */
  public String host() {
    return LISTEN_HOST;
  }

  /**
   * Returns the port clients connect to, chosen by the system at start and kept until close.
   *
   * @return the port
   */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Returns the address clients connect to.
   *
   * @return {@link #host()} and {@link #port()}
   */
  public InetSocketAddress listenAddress() {
    return new InetSocketAddress(listener.getInetAddress(), port());
  }

  /**
   * Returns the server connections are forwarded to.
   *
   * @return the upstream address
   */
  public InetSocketAddress upstreamAddress() {
    return upstream;
  }

  /**
   * Returns {@code jdbcUrl} with its {@code host:port} replaced by this proxy's, so a driver
   * connects through the proxy; everything else in the URL is kept. Works for URLs of the form
   * {@code jdbc:<subprotocol>://[user[:password]@]host[:port][/...]}, such as
   * {@code jdbc:postgresql://127.0.0.1:5432/appdb?sslmode=disable},
   * {@code jdbc:mysql://127.0.0.1:3306/db} and {@code jdbc:mariadb://db.local/app} (no port: the
   * driver's default is replaced too). It does not check that the URL names this proxy's
   * upstream server.
   *
   * <pre>{@code
   * proxy.rewrite("jdbc:postgresql://127.0.0.1:5432/appdb?user=app")
   *     // "jdbc:postgresql://127.0.0.1:40123/appdb?user=app"
   * }</pre>
   *
   * @param jdbcUrl the URL that names the server directly
   * @return the URL that names the proxy
   * @throws IllegalArgumentException if the URL has no single {@code //host[:port]}, naming the
   *     URL with its passwords masked
   */
  public String rewrite(String jdbcUrl) {
    return JdbcUrls.rewrite(jdbcUrl, host(), port());
  }

  // ---------------------------------------------------------------- faults

  /**
   * Resets every open connection on both sides at once ({@code SO_LINGER} 0, then close): the
   * client's next or pending read or write fails with "connection reset", and so does the
   * server's. The proxy keeps accepting new connections.
   *
   * @return this proxy
   */
  public NetworkFaultProxy cutAll() {
    links.forEach(Link::reset);
    return this;
  }

  /**
   * Refuses new connections until {@link #acceptNew()} or {@link #heal()}: each one is accepted
   * and reset at once, without contacting the server. The client's connect succeeds (the system
   * completes the TCP handshake for the listening proxy), then its first read fails with
   * "connection reset", so a JDBC driver reports a failed connection attempt within
   * milliseconds. Open connections are not affected. The port stays bound, so URLs rewritten
   * for this proxy stay valid.
   *
   * @return this proxy
   */
  public NetworkFaultProxy refuseNew() {
    faults.refuse(true);
    return this;
  }

  /**
   * Accepts and forwards new connections again after {@link #refuseNew()}.
   *
   * @return this proxy
   */
  public NetworkFaultProxy acceptNew() {
    faults.refuse(false);
    return this;
  }

  /**
   * Delays each chunk of bytes going {@code direction} by {@code latency}, measured from when the
   * proxy read it. Bytes in flight are pipelined, so latency delays a stream without cutting its
   * throughput much. {@link Duration#ZERO} removes the latency.
   *
   * @param direction the way to delay
   * @param latency the delay, {@code >= 0}
   * @return this proxy
   * @throws IllegalArgumentException if the latency is negative
   */
  public NetworkFaultProxy latency(Direction direction, Duration latency) {
    return latency(direction, latency, latency);
  }

  /**
   * Delays each chunk of bytes going {@code direction} by a time drawn uniformly from
   * {@code [min, max]} for each chunk (jitter). Bytes keep their order: a chunk never overtakes
   * one read before it.
   *
   * @param direction the way to delay
   * @param min the least delay, {@code >= 0}
   * @param max the greatest delay, {@code >= min}
   * @return this proxy
   * @throws IllegalArgumentException if {@code min} is negative or {@code max < min}
   */
  public NetworkFaultProxy latency(Direction direction, Duration min, Duration max) {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, but was " + min);
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "latency maximum must be >= its minimum " + min + ", but was " + max);
    }
    long minNanos = saturatedNanos(min);
    long maxNanos = saturatedNanos(max);
    faults.update(direction, f -> f.withLatency(minNanos, maxNanos));
    return this;
  }

  /**
   * Limits each connection's throughput going {@code direction} to {@code bytesPerSecond}, paced
   * in slices of a twentieth of a second; transfers never go faster than the limit on average.
   * {@link #heal(Direction)} removes the limit.
   *
   * @param direction the way to throttle
   * @param bytesPerSecond the limit per connection, {@code >= 1}
   * @return this proxy
   * @throws IllegalArgumentException if the limit is below 1 (use {@link #blackHole(Direction)}
   *     to stop bytes)
   */
  public NetworkFaultProxy bandwidth(Direction direction, long bytesPerSecond) {
    Objects.requireNonNull(direction, "direction");
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bytesPerSecond must be >= 1, but was " + bytesPerSecond);
    }
    faults.update(direction, f -> f.withBandwidth(bytesPerSecond));
    return this;
  }

  /**
   * Partitions the network going {@code direction}: connections stay open and nothing is reset,
   * but bytes going that way are dropped, not delivered, including bytes already inside the
   * proxy. New connections are still accepted (the proxy is the listener, so the TCP handshake
   * completes) and connected to the server, but nothing crosses the black hole. A client reading
   * with a socket timeout sees that timeout; one without waits forever. The sender's writes keep
   * succeeding, since the proxy goes on reading and dropping. Bytes dropped are gone for good:
   * {@link #heal()} does not deliver them later. Ends of streams and resets still cross (see the
   * class comment).
   *
   * @param direction the way to drop bytes
   * @return this proxy
   */
  public NetworkFaultProxy blackHole(Direction direction) {
    Objects.requireNonNull(direction, "direction");
    faults.update(direction, PathFaults::withBlackHole);
    return this;
  }

  /**
   * Removes the latency, bandwidth limit and black hole of {@code direction}; refusal is kept.
   *
   * @param direction the way to heal
   * @return this proxy
   */
  public NetworkFaultProxy heal(Direction direction) {
    Objects.requireNonNull(direction, "direction");
    faults.update(direction, f -> PathFaults.NONE);
    return this;
  }

  /**
   * Removes every fault: latency, bandwidth limits, black holes and refusal. New connections then
   * work normally at once. Connections that lost bytes to a black hole stay open but are likely
   * broken for their protocol: a client may wait forever for the answer to a request the server
   * never got, or read half a message. Detecting and discarding them is the client's job (a
   * pool's validation, a socket or query timeout).
   *
   * @return this proxy
   */
  public NetworkFaultProxy heal() {
    faults.clear();
    return this;
  }

  // ---------------------------------------------------------------- counters

  /**
   * Returns how many connections are proxied now: accepted and not yet closed or reset.
   *
   * @return the number of open connections
   */
  public int openConnections() {
    return open.get();
  }

  /**
   * Returns how many connections were accepted for forwarding since the start; refused ones are
   * not counted.
   *
   * @return the number of accepted connections
   */
  public long acceptedConnections() {
    return traffic.accepted();
  }

  /**
   * Returns how many connections were reset at once because of {@link #refuseNew()}.
   *
   * @return the number of refused connections
   */
  public long refusedConnections() {
    return traffic.refused();
  }

  /**
   * Returns how many bytes were handed to the receiving side going {@code direction}, over all
   * connections since the start; {@link Direction#BOTH} adds both ways.
   *
   * @param direction the way to count
   * @return the number of bytes forwarded
   */
  public long bytesForwarded(Direction direction) {
    return traffic.forwarded(Objects.requireNonNull(direction, "direction"));
  }

  /**
   * Returns how many bytes black holes dropped going {@code direction}, over all connections
   * since the start; {@link Direction#BOTH} adds both ways.
   *
   * @param direction the way to count
   * @return the number of bytes dropped
   */
  public long bytesDropped(Direction direction) {
    return traffic.dropped(Objects.requireNonNull(direction, "direction"));
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Stops listening, resets every open connection as {@link #cutAll()} does, and waits until all
   * of the proxy's threads have ended; afterwards the port is free and
   * {@link #openConnections()} is 0. Calling it again does nothing. Faults may still be set
   * afterwards; they have no effect.
   *
   * @throws IllegalStateException if a proxy thread did not end within 10 seconds (a bug)
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    closeQuietly(listener);
    links.forEach(Link::reset);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    List<String> running = new ArrayList<>();
    try {
      acceptor.join(STOP_TIMEOUT.toMillis());
      if (acceptor.isAlive()) {
        running.add(acceptor.getName());
      }
      for (Link link : links) {
        running.addAll(link.join(deadline));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the threads still end, we just do not wait for them
      return;
    }
    links.clear();
    if (!running.isEmpty()) {
      throw new IllegalStateException(
          "proxy " + name + ": threads still running " + STOP_TIMEOUT + " after close: " + running);
    }
  }

  private void acceptLoop() {
    for (;;) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
        LockSupport.parkNanos(this, ACCEPT_RETRY_NANOS);
        continue;
      }
      admit(client);
    }
  }

  private void admit(Socket client) {
    lock.lock();
    try {
      if (closed) {
        reset(client);
      } else if (faults.refusing()) {
        traffic.onRefused();
        reset(client);
      } else {
        links.removeIf(Link::stopped);
        Link link = new Link(threadPrefix() + connectionIds.incrementAndGet() + "-", client,
            upstream, faults, traffic, closedLink -> open.decrementAndGet());
        links.add(link);
        open.incrementAndGet();
        traffic.onAccepted();
        link.start();
      }
    } finally {
      lock.unlock();
    }
  }

  private String threadPrefix() {
    return "cenote-proxy-" + name + "-";
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // closing below is all that is left
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing more can be done for a socket that fails to close
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Returns the name, both addresses, the open connections and the faults, e.g.
   * {@code NetworkFaultProxy[primary 127.0.0.1:40123 -> 127.0.0.1:5432, open 3, healthy]}.
   */
  @Override
  public String toString() {
    return "NetworkFaultProxy[" + name + " " + LISTEN_HOST + ":" + port() + " -> "
        + upstream.getHostString() + ":" + upstream.getPort() + ", open " + open.get() + ", "
        + faults + "]";
  }
}
