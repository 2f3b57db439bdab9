package io.cenote.dashboard.internal;

import io.cenote.dashboard.DashboardEvent;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered, bounded event history behind {@link io.cenote.dashboard.DashboardEvents}, and
 * its subscribers.
 *
 * <p>Design: one lock orders everything. Publishing takes it to draw the next number, append to
 * the ring and hand the event to every subscriber, so each subscriber sees the numbers in
 * increasing order without gaps, whichever threads publish. Subscribing takes it to replay the
 * retained events and register, so nothing is missed or seen twice between the two. The lock is
 * held only for memory work: subscribers must not block (the dashboard's streams only queue the
 * event and write it on another thread). Pool and router listeners call in from borrowers'
 * threads, but only on the slow paths (connects, closes, timeouts, exclusions, and reads that
 * fall back during an outage), never on an ordinary borrow.
 */
public final class EventLog {

  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<DashboardEvent> retained;
  private final List<Consumer<DashboardEvent>> subscribers = new ArrayList<>();
  private long lastSeq;

  /**
   * Creates an empty log.
   *
   * @param clock stamps the events
   * @param capacity how many of the newest events it keeps
   */
  public EventLog(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = capacity;
    this.retained = new ArrayDeque<>(capacity);
  }

  /**
   * Numbers, keeps and hands out an event.
   *
   * @param source what it is about
   * @param kind what happened
   * @param message the description, already free of secrets
   * @return the event
   */
  public DashboardEvent publish(String source, String kind, String message) {
    lock.lock();
    try {
      DashboardEvent event = new DashboardEvent(++lastSeq, clock.instant(), source, kind,
          message);
      if (retained.size() == capacity) {
        retained.removeFirst();
      }
      retained.addLast(event);
      for (Consumer<DashboardEvent> s : subscribers) {
        deliver(s, event);
      }
      return event;
    } finally {
      lock.unlock();
    }
  }

  /** @return the retained events, oldest first */
  public List<DashboardEvent> retained() {
    lock.lock();
    try {
      return List.copyOf(retained);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replays the retained events numbered above {@code afterSeq} to a subscriber, then hands it
   * every new one, all in number order. A number above the newest one published (a client that
   * saw an earlier run of the application) replays everything retained.
   *
   * @param afterSeq the last number the subscriber has seen, 0 for none
   * @param subscriber receives the events; must not block
   * @return undoes the subscription
   */
  public Runnable subscribe(long afterSeq, Consumer<DashboardEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    lock.lock();
    try {
      long after = afterSeq > lastSeq ? 0 : afterSeq;
      for (DashboardEvent e : retained) {
        if (e.seq() > after) {
          deliver(subscriber, e);
        }
      }
      subscribers.add(subscriber);
    } finally {
      lock.unlock();
    }
    return () -> unsubscribe(subscriber);
  }

  private void unsubscribe(Consumer<DashboardEvent> subscriber) {
    lock.lock();
    try {
      subscribers.remove(subscriber);
    } finally {
      lock.unlock();
    }
  }

  /** A failing subscriber must not stop the publisher nor the other subscribers. */
  private static void deliver(Consumer<DashboardEvent> subscriber, DashboardEvent event) {
    try {
      subscriber.accept(event);
    } catch (RuntimeException e) {
      log.warn("[dashboard] an event subscriber failed on event {}", event.seq(), e);
    }
  }
}
