package io.cenote.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/** Helpers for the proxy tests: clients, payloads, polling and the thread check. */
final class NetTests {

  /**
   * Socket read timeout of the test clients: long enough for any loaded machine, so a read that
   * times out means the bytes are not coming, not that the machine was slow.
   */
  static final int READ_TIMEOUT_MILLIS = 20_000;

  /** How long {@link #await} polls: generous, it returns as soon as the condition holds. */
  private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(20);

  private static final long POLL_MILLIS = 5;

  /** Bytes per write of {@link #echo}: several writes per proxy chunk and per echo read. */
  private static final int WRITE_BYTES = 4 * 1024;

  private static final AtomicInteger NAMES = new AtomicInteger();

  private NetTests() {}

  /** Returns a proxy name no other test uses, so the thread check sees only this proxy. */
  static String uniqueName(String base) {
    return base + NAMES.incrementAndGet();
  }

  static Socket connect(NetworkFaultProxy proxy) throws IOException {
    Socket socket = new Socket(proxy.host(), proxy.port());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Sends {@code text} and reads as many bytes back. */
  static String roundTrip(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    return read(socket, bytes.length);
  }

  /** Reads exactly {@code n} bytes, failing on an early end of stream. */
  static String read(Socket socket, int n) throws IOException {
    byte[] back = socket.getInputStream().readNBytes(n);
    assertThat(back).as("bytes before the end of stream").hasSize(n);
    return new String(back, StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code payload} on another task of {@code executor}, then half-closes, while this
   * thread reads everything the server sends back up to the end of the stream.
   */
  static byte[] echo(Socket socket, byte[] payload, ExecutorService executor) throws Exception {
    Future<?> writer = executor.submit(() -> {
      OutputStream out = socket.getOutputStream();
      for (int offset = 0; offset < payload.length; offset += WRITE_BYTES) {
        out.write(payload, offset, Math.min(WRITE_BYTES, payload.length - offset));
      }
      socket.shutdownOutput();
      return null;
    });
    InputStream in = socket.getInputStream();
    byte[] back = in.readAllBytes();
    writer.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    return back;
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  /** Polls until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + AWAIT_TIMEOUT + " waiting until " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Returns the names of the live threads of the proxy named {@code name}. */
  static List<String> proxyThreads(String name) {
    String prefix = "cenote-proxy-" + name + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .sorted()
        .toList();
  }

  /**
   * Waits until the upstream writer of the proxy's first connection waits on a clock (latency
   * or bandwidth), which it does only while it holds bytes it has read.
   */
  static void awaitBytesHeldUpstream(NetworkFaultProxy proxy) throws InterruptedException {
    String writer = "cenote-proxy-" + proxy.name() + "-1-up-write";
    await(writer + " holds bytes", () -> Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(writer) && t.getState() == Thread.State.TIMED_WAITING));
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
