package io.cenote.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one proxied connection: a read loop that takes bytes off the source socket
 * and a write loop that hands them to the destination socket once the direction's faults allow.
 * The {@link Link} runs each loop on a thread of its own.
 *
 * <p>Design: the reader stamps each chunk with the time it arrived and queues it; the writer
 * holds each chunk until its arrival time plus the latency, so latency delays bytes without
 * cutting throughput, as a long wire does. The bounded queue is the wire's capacity: when the
 * writer is held back (latency, bandwidth, a peer that does not read), the reader stops reading
 * and the sender feels back pressure. A black hole is checked by the reader (nothing read while
 * partitioned is queued) and by the writer (chunks in flight when the partition starts are lost
 * too), so nothing read during a partition is delivered after it heals. The end of the stream
 * travels as a chunk, after the data and with the same latency, and becomes a half-close. Every
 * wait re-reads the faults and ends early when they change ({@link Faults#awaitChange}), so a
 * change takes effect at once. Only the writer thread touches {@link #paceNanos}.
 */
final class Pipe {

  /** Bytes per read: a few TCP segments, big enough to move 1 MiB in a handful of wake-ups. */
  private static final int CHUNK_BYTES = 16 * 1024;

  /**
   * Chunks in flight between reader and writer (512 KiB): the most a direction holds while it
   * delays bytes, so under latency a connection still moves about this much per latency period.
   */
  private static final int QUEUE_CHUNKS = 32;

  /**
   * How finely a bandwidth limit is paced: one write per 1/20 s of budget at most, smooth enough
   * for a throttled stream and coarse enough not to wake up for every byte.
   */
  private static final long PACING_SLICES_PER_SECOND = 20;

  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  /** Marks the end of the stream in {@link Chunk#length()}. */
  private static final int END_OF_STREAM = -1;

  private final Link link;
  private final Direction way;
  private final Socket source;
  private final Socket destination;
  private final Faults faults;
  private final Traffic traffic;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private long paceNanos = System.nanoTime();

  /**
   * @param way UPSTREAM or DOWNSTREAM
   */
  Pipe(Link link, Direction way, Socket source, Socket destination, Faults faults,
      Traffic traffic) {
    this.link = link;
    this.way = way;
    this.source = source;
    this.destination = destination;
    this.faults = faults;
    this.traffic = traffic;
  }

  /** Reads from the source until its end of stream, a failure, or the link closing. */
  void readLoop() {
    try {
      InputStream in = source.getInputStream();
      byte[] buffer = new byte[CHUNK_BYTES];
      for (;;) {
        int n = in.read(buffer);
        if (n < 0) {
          queue.put(new Chunk(null, END_OF_STREAM, System.nanoTime(), 0));
          return;
        }
        if (faults.of(way).blackHole()) {
          traffic.onDropped(way, n);
          continue;
        }
        // a copy of the bytes read, so the many small chunks of a query protocol stay small
        queue.put(new Chunk(Arrays.copyOf(buffer, n), n, System.nanoTime(),
            ThreadLocalRandom.current().nextDouble()));
      }
    } catch (IOException e) {
      link.fail();
    } catch (InterruptedException e) {
      // the link is closing and woke us up; there is nothing left to do
    }
  }

  /** Writes to the destination until the end of stream, a failure, or the link closing. */
  void writeLoop() {
    try {
      OutputStream out = destination.getOutputStream();
      for (;;) {
        Chunk chunk = queue.take();
        if (!awaitLatency(chunk)) {
          traffic.onDropped(way, chunk.length());
        } else if (chunk.length() == END_OF_STREAM) {
          destination.shutdownOutput();
          link.ended();
          return;
        } else {
          write(chunk, out);
        }
      }
    } catch (IOException e) {
      link.fail();
    } catch (InterruptedException e) {
      // the link is closing and woke us up; there is nothing left to do
    }
  }

  /** Waits until the chunk is due; false if a black hole swallowed it meanwhile. */
  private boolean awaitLatency(Chunk chunk) throws InterruptedException {
    for (;;) {
      long seen = faults.version();
      PathFaults now = faults.of(way);
      if (now.blackHole() && chunk.length() != END_OF_STREAM) {
        return false;
      }
      // subtract the times first: arrival + latency may overflow for a huge latency
      long wait = now.latencyNanos(chunk.position()) - (System.nanoTime() - chunk.arrivalNanos());
      if (wait <= 0) {
        return true;
      }
      faults.awaitChange(seen, wait);
    }
  }

  /** Writes the chunk, in paced slices under a bandwidth limit, unless a black hole opens. */
  private void write(Chunk chunk, OutputStream out) throws IOException, InterruptedException {
    int offset = 0;
    while (offset < chunk.length()) {
      long seen = faults.version();
      PathFaults now = faults.of(way);
      if (now.blackHole()) {
        traffic.onDropped(way, chunk.length() - offset);
        return;
      }
      int n = chunk.length() - offset;
      long limit = now.bytesPerSecond();
      if (limit > 0) {
        n = (int) Math.min(n, Math.max(1, limit / PACING_SLICES_PER_SECOND));
        long start = System.nanoTime();
        // no credit for idle time: the slice is paid for from now or from the last one's end
        long base = paceNanos - start > 0 ? paceNanos : start;
        long sendAt = base + n * NANOS_PER_SECOND / limit;
        long wait = sendAt - System.nanoTime();
        if (wait > 0 && faults.awaitChange(seen, wait)) {
          continue;
        }
        paceNanos = sendAt;
      }
      out.write(chunk.data(), offset, n);
      offset += n;
      traffic.onForwarded(way, n);
    }
  }

  /**
   * Bytes read in one go, or the end of the stream.
   *
   * @param data the bytes, null at the end of the stream
   * @param length how many bytes of {@code data} count, or {@link #END_OF_STREAM}
   * @param arrivalNanos {@link System#nanoTime()} when they were read
   * @param position where in a latency range this chunk's delay falls, in [0, 1)
   */
  private record Chunk(byte[] data, int length, long arrivalNanos, double position) {}
}
