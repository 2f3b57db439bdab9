package io.cenote.examples.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated application: client threads that each run requests in a loop, with a pause
 * between them. The number of clients that run can change while they run (a load ramp); the
 * others idle. Each client keeps its own tally; the time it waits for connections is added by
 * the pool's checkout callback, which runs on the client's own thread.
 */
final class Clients implements AutoCloseable {

  /** One request of a client: borrow, query, hold, return. */
  @FunctionalInterface
  interface Request {
    /**
     * Runs one request.
     *
     * @param client the client's number, from 1
     * @throws Exception when the request fails; the client counts it and goes on
     */
    void run(int client) throws Exception;
  }

  private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

  private final Request request;
  private final Recorder recorder;
  private final long thinkMillis;
  private final List<Tally> tallies = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();

  /**
   * Creates the clients; none runs until {@link #start(int, int)}.
   *
   * @param request what each request does
   * @param recorder where failures are recorded
   * @param thinkMillis the pause between a client's requests, on average
   */
  Clients(Request request, Recorder recorder, long thinkMillis) {
    this.request = request;
    this.recorder = recorder;
    this.thinkMillis = thinkMillis;
  }

  /**
   * Adds a connection wait to the tally of the client on this thread, if it is one.
   *
   * @param nanos how long the borrow waited
   */
  static void addWait(long nanos) {
    Tally t = CURRENT.get();
    if (t != null) {
      t.waitNanos.addAndGet(nanos);
    }
  }

  /**
   * Starts the threads.
   *
   * @param max clients that can ever run
   * @param active how many run now
   */
  void start(int max, int active) {
    running.set(active);
    for (int i = 1; i <= max; i++) {
      Tally tally = new Tally(i);
      tallies.add(tally);
      Thread t = new Thread(() -> loop(tally), "client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Changes how many clients run; the rest finish their request and idle.
   *
   * @param active clients to run, at most the number started
   */
  void setActive(int active) {
    running.set(Math.min(active, threads.size()));
  }

  /** @return how many clients run now */
  int active() {
    return running.get();
  }

  /** @return requests completed so far, by all clients */
  long requests() {
    return tallies.stream().mapToLong(t -> t.requests.get()).sum();
  }

  /** @return requests failed so far, by all clients */
  long failures() {
    return tallies.stream().mapToLong(t -> t.failures.get()).sum();
  }

  /** @return each client's tally so far */
  List<ClientTally> tallies() {
    return tallies.stream().map(t -> new ClientTally(t.client, t.requests.get(),
        t.failures.get(), t.waitNanos.get() / 1e6)).toList();
  }

  /** Stops every client and waits for them; a request in progress is interrupted. */
  @Override
  public void close() {
    stopping.set(true);
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void loop(Tally tally) {
    CURRENT.set(tally);
    while (!stopping.get()) {
      if (tally.client > running.get()) {
        LockSupport.parkNanos(20_000_000L);
        continue;
      }
      try {
        request.run(tally.client);
        tally.requests.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (stopping.get()) {
          return;
        }
        tally.failures.incrementAndGet();
        recorder.failed(tally.client, e);
      }
      if (!pause()) {
        return;
      }
    }
  }

  /** Sleeps 50% to 150% of the think time; false when interrupted. */
  private boolean pause() {
    if (thinkMillis <= 0) {
      return !Thread.currentThread().isInterrupted();
    }
    long millis = thinkMillis / 2 + ThreadLocalRandom.current().nextLong(thinkMillis + 1);
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** One client's counts; written by its thread, read by the sampler. */
  private static final class Tally {
    final int client;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong waitNanos = new AtomicLong();

    Tally(int client) {
      this.client = client;
    }
  }
}
