package io.cenote.pool.internal;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolClosedException;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolInitializationException;
import io.cenote.pool.PoolStats;
import io.cenote.pool.ResourceFactory;
import io.cenote.pool.Ticker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooling engine, generic over the pooled resource.
 *
 * <p>Design. {@link EntryBag} does the lock-free lending and the FIFO hand-off to waiters. This
 * class decides what happens around it: whether a borrowed entry is still fit (eviction epoch,
 * lifetime, pre-ping), what happens on return (reset, or retire for lifetime, use count,
 * overflow, eviction, shutdown), and when new resources are opened.
 *
 * <p>Capacity is one counter, {@link #allocated}: resources open plus creations in flight. A
 * creation reserves its slot with a compare-and-set before it starts and gives it back only
 * after a failed attempt or after the resource is destroyed, so the pool never holds more than
 * {@code maxSize + maxOverflow} resources, even for an instant. Creations run on one background
 * thread; waiting borrowers ask for one each while they outnumber creations in flight, and a new
 * resource is released through the bag like a returned one, so it goes to the longest waiter.
 *
 * <p>Time: acquire deadlines use {@link System#nanoTime()} (threads really park); resource ages,
 * hold times and leak thresholds use the configured {@link Ticker}, so tests can move them
 * without sleeping.
 *
 * @param <T> the resource type
 */
public final class Pool<T> implements EntryBag.WaitGate {

  private static final Logger log = LoggerFactory.getLogger(Pool.class);
  private static final long HOUSEKEEPING_PERIOD_MILLIS = 1000;
  /** The least a start-up attempt gets, so it can end with the driver's answer. */
  private static final long MIN_START_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  final String name;
  final PoolConfig config;
  final ResourceFactory<T> factory;
  final Ticker ticker;
  final Events events;
  final Metrics metrics = new Metrics();
  final EntryBag<T> bag = new EntryBag<>();

  private final AtomicInteger allocated = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger consecutiveCreateFailures = new AtomicInteger();
  /** Surplus closes ever claimed, and those finished (counted off {@link #allocated}). */
  private final AtomicLong surplusClaims = new AtomicLong();
  private final AtomicLong surplusClosed = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ReentrantLock resizeLock = new ReentrantLock();
  /** Bumped by each soft eviction; an entry of an older epoch is retired. */
  private final AtomicInteger epoch = new AtomicInteger();
  private final ExecutorService creator;
  private final ScheduledExecutorService scheduler;
  private final BoundedCalls<T> calls;
  private final Housekeeper<T> housekeeper;
  private final PoolObserver<T> observer;

  private final long maxLifetimeNanos;
  private final long maxUses;
  /** Volatile: the dashboard and operators switch pre-ping live (one plain load on x86). */
  private volatile boolean validateOnBorrow;
  private final long bypassNanos;
  private final boolean leakDetection;
  private final long validationTimeoutNanos;
  private final long connectTimeoutNanos;

  private volatile int maxSize;
  private volatile int minIdle;
  /** minIdle as the user set it; adaptive shrinking lowers minIdle only below this, for now. */
  private volatile int requestedMinIdle;
  private volatile int maxOverflow;
  private volatile boolean suspended;
  private volatile boolean closed;
  private volatile Throwable lastCreateError;

  /**
   * Creates a pool that does nothing until {@link #start()}.
   *
   * @param config the configuration
   * @param factory opens, checks, resets and closes resources
   */
  public Pool(PoolConfig config, ResourceFactory<T> factory) {
    this.name = config.poolName();
    this.config = config;
    this.factory = factory;
    this.ticker = config.ticker();
    this.events = new Events(name, config.listeners());
    this.maxSize = config.maxSize();
    this.minIdle = config.minIdle();
    this.requestedMinIdle = config.minIdle();
    this.maxOverflow = config.maxOverflow();
    this.maxLifetimeNanos = config.maxLifetime().toNanos();
    this.maxUses = config.maxUses();
    this.validateOnBorrow = config.validateOnBorrow();
    this.bypassNanos = config.validationBypassWindow().toNanos();
    this.leakDetection = !config.leakDetectionThreshold().isZero();
    this.validationTimeoutNanos = config.validationTimeout().toNanos();
    this.connectTimeoutNanos = config.connectTimeout().toNanos();
    this.creator = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), BoundedCalls.daemon(name + "-creator"));
    this.scheduler = new ScheduledThreadPoolExecutor(1,
        BoundedCalls.daemon(name + "-housekeeper"));
    this.calls = new BoundedCalls<>(name, factory);
    this.housekeeper = new Housekeeper<>(this);
    this.observer = new PoolObserver<>(this);
  }

  /**
   * Opens the first resource (failing fast if {@code initializationFailTimeout} is not
   * negative), then warms to minIdle in the background and starts housekeeping.
   *
   * @throws PoolInitializationException when the first resource cannot be opened in time
   */
  public void start() {
    Duration failTimeout = config.initializationFailTimeout();
    if (!failTimeout.isNegative()) {
      openFirst(failTimeout);
    }
    scheduler.scheduleWithFixedDelay(() -> housekeep(false), HOUSEKEEPING_PERIOD_MILLIS,
        HOUSEKEEPING_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    fill();
    log.info("[{}] started: minIdle={}, maxSize={}, maxOverflow={}", name, minIdle, maxSize,
        maxOverflow);
  }

  private void openFirst(Duration failTimeout) {
    long deadline = System.nanoTime() + failTimeout.toNanos();
    allocated.incrementAndGet();
    Exception driverError = null; // says more than our own "did not finish" of a later attempt
    for (int failures = 1; ; failures++) {
      try {
        // A zero initializationFailTimeout means "try once": that try gets connectTimeout.
        long budget = failTimeout.isZero() ? connectTimeoutNanos : Math.min(connectTimeoutNanos,
            Math.max(MIN_START_ATTEMPT_NANOS, deadline - System.nanoTime()));
        PoolEntry<T> entry = openEntry(budget);
        bag.release(entry, this);
        return;
      } catch (Exception e) {
        boolean interrupted = e instanceof InterruptedException;
        if (interrupted) {
          Thread.currentThread().interrupt(); // the caller asked to stop: no more attempts
        }
        creationFailed(e);
        if (!(e instanceof TimeoutException)) {
          driverError = e;
        }
        long pause = backoffNanos(failures);
        if (interrupted || System.nanoTime() + pause - deadline > 0) {
          allocated.decrementAndGet();
          shutdownExecutors();
          throw new PoolInitializationException(name, failTimeout,
              driverError != null ? driverError : e);
        }
        LockSupport.parkNanos(pause);
      }
    }
  }

  /**
   * Borrows an entry, waiting up to the timeout.
   *
   * <p>The fast path (an idle entry that needs no pre-ping) reads only the ticker. A borrow
   * that must validate or wait starts its deadline then, a few lock-free steps after the call
   * began; every pre-ping and wait after it shares that one deadline.
   *
   * @param timeoutNanos how long the whole call may take
   * @return the entry, owned by the caller until {@link #release}
   * @throws BorrowTimeout when none became available in time (cause: last creation error)
   * @throws InterruptedException when interrupted while waiting
   * @throws PoolClosedException when the pool is closed
   */
  public PoolEntry<T> acquire(long timeoutNanos) throws TimeoutException, InterruptedException {
    if (closed) {
      throw closedException();
    }
    PoolEntry<T> entry = suspended || bag.starving() ? null : bag.poll();
    if (entry != null) {
      long now = ticker.read();
      if (!closed && retirement(entry, now) == null && !validationDue(entry, now)) {
        return lend(entry, now, 0, false);
      }
    }
    return acquireSlow(entry, timeoutNanos);
  }

  /** Validates, retires and waits, all within one deadline that starts now. */
  private PoolEntry<T> acquireSlow(PoolEntry<T> first, long timeoutNanos)
      throws TimeoutException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    int failedValidations = 0;
    boolean waited = false;
    PoolEntry<T> entry = first;
    for (;;) {
      if (entry == null && !suspended && !bag.starving()) {
        entry = bag.poll();
      }
      if (entry == null) {
        if (events.enabled() && allocated.get() >= maxSize + maxOverflow) {
          events.exhausted(bag.waiting() + 1);
        }
        waited = true;
        entry = bag.await(deadline, this);
        if (entry == null) {
          throw timeout(start, failedValidations);
        }
      }
      if (closed) {
        destroy(entry, CloseReason.SHUTDOWN, false);
        throw closedException();
      }
      long now = ticker.read();
      CloseReason retire = retirement(entry, now);
      if (retire != null) {
        destroy(entry, retire, false);
        entry = null;
        continue;
      }
      if (validationDue(entry, now)) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          requite(entry);
          throw timeout(start, failedValidations);
        }
        if (!validate(entry, Math.min(validationTimeoutNanos, remaining))) {
          failedValidations++;
          if (events.enabled()) {
            events.invalidate(entry.id);
          }
          destroy(entry, CloseReason.INVALID, false);
          entry = null;
          continue;
        }
        now = ticker.read();
        entry.lastCheckedAt = now;
      }
      return lend(entry, now, System.nanoTime() - start, waited);
    }
  }

  private boolean validationDue(PoolEntry<T> entry, long now) {
    return validateOnBorrow && now - entry.lastCheckedAt > bypassNanos;
  }

  /**
   * Hands a fit entry, which the caller holds {@code RESERVED}, to the borrower.
   *
   * @param spentNanos time the borrow spent validating and waiting; 0 on the fast path
   * @param waited whether the borrow queued (a miss for the hit rate)
   */
  private PoolEntry<T> lend(PoolEntry<T> entry, long now, long spentNanos, boolean waited) {
    entry.borrowedAt = now;
    entry.useCount++;
    if (leakDetection) {
      entry.leakReported = false;
      entry.borrowSite = new BorrowSite(name, entry.id);
    }
    entry.setState(PoolEntry.IN_USE);
    if (closed && entry.compareAndSet(PoolEntry.IN_USE, PoolEntry.RESERVED)) {
      // close() began during the checkout and may have passed over lent entries already.
      destroy(entry, CloseReason.SHUTDOWN, false);
      throw closedException();
    }
    if (spentNanos > 0) {
      metrics.timedBorrows.increment();
      metrics.waitTime.record(spentNanos);
      if (waited) {
        metrics.waitedBorrows.increment();
      }
    }
    if (events.enabled()) {
      events.checkout(entry.id, spentNanos);
    }
    return entry;
  }

  boolean validate(PoolEntry<T> entry, long timeoutNanos) {
    metrics.validations.increment();
    boolean ok;
    try {
      ok = calls.validate(entry.resource, timeoutNanos);
    } catch (RuntimeException e) {
      log.debug("[{}] validation of connection {} threw", name, entry.id, e);
      ok = false;
    }
    if (!ok) {
      metrics.validationFailures.increment();
      log.debug("[{}] connection {} failed validation", name, entry.id);
    }
    return ok;
  }

  /** @return why the entry must go now, or null when it may stay */
  CloseReason retirement(PoolEntry<T> entry, long now) {
    if (entry.epoch != epoch.get()) {
      return CloseReason.EVICTED;
    }
    if (maxLifetimeNanos > 0 && now - entry.retireAt >= 0) {
      return CloseReason.LIFETIME;
    }
    if (maxUses > 0 && entry.useCount >= maxUses) {
      return CloseReason.MAX_USES;
    }
    return null;
  }

  /**
   * Returns a borrowed entry: resets it and lends it again, or retires it.
   *
   * @param entry the entry the caller borrowed
   */
  public void release(PoolEntry<T> entry) {
    if (!entry.takeBackFromBorrower()) {
      return; // reclaimed as a leak or aborted at shutdown meanwhile
    }
    long now = checkin(entry);
    CloseReason reason = closed ? CloseReason.SHUTDOWN : retirement(entry, now);
    if (reason == null && allocated.get() > maxSize && destroySurplus(entry, false)) {
      return;
    }
    if (reason == null) {
      try {
        factory.reset(entry.resource);
      } catch (Exception e) {
        log.debug("[{}] reset of connection {} failed; closing it", name, entry.id, e);
        if (events.enabled()) {
          events.invalidate(entry.id);
        }
        reason = CloseReason.INVALID;
      }
    }
    if (reason != null) {
      destroy(entry, reason, false);
      return;
    }
    requite(entry);
  }

  /**
   * Returns a borrowed entry that is broken: it is destroyed, not lent again.
   *
   * @param entry the entry the caller borrowed
   */
  public void invalidate(PoolEntry<T> entry) {
    if (!entry.takeBackFromBorrower()) {
      return;
    }
    checkin(entry);
    if (events.enabled()) {
      events.invalidate(entry.id);
    }
    destroy(entry, closed ? CloseReason.SHUTDOWN : CloseReason.INVALID, false);
  }

  /**
   * Removes a borrowed entry from the pool without closing its resource: the caller now owns
   * the resource and must close it. The slot is freed.
   *
   * @param entry the entry the caller borrowed
   * @return true when detached; false when the pool had already reclaimed it
   */
  public boolean detach(PoolEntry<T> entry) {
    if (!entry.takeBackFromBorrower()) {
      return false;
    }
    checkin(entry);
    entry.setState(PoolEntry.REMOVED);
    metrics.retiredHoldTime.add(entry.holdTime);
    bag.remove(entry);
    allocated.decrementAndGet();
    if (events.enabled()) {
      events.detach(entry.id);
    }
    afterLoss();
    return true;
  }

  private long checkin(PoolEntry<T> entry) {
    entry.returns++;
    long now = ticker.read();
    long held = now - entry.borrowedAt;
    entry.holdTime.record(held);
    if (events.enabled()) {
      events.checkin(entry.id, held);
    }
    entry.lastUsedAt = now;
    entry.lastCheckedAt = now;
    if (leakDetection) {
      entry.borrowSite = null;
    }
    return now;
  }

  /** Puts an entry the pool owns back into circulation, or closes it if the pool closed. */
  void requite(PoolEntry<T> entry) {
    if (closed) {
      destroy(entry, CloseReason.SHUTDOWN, false);
      return;
    }
    bag.release(entry, this);
    if (closed) {
      closeIdle(); // close() may have swept idle entries before this one became idle
    }
  }

  /**
   * Closes an entry the caller owns (state {@code RESERVED}) and frees its slot.
   *
   * @param abort true to abort the resource (it may be stuck in use) rather than close it
   */
  void destroy(PoolEntry<T> entry, CloseReason reason, boolean abort) {
    entry.setState(PoolEntry.REMOVED);
    metrics.retiredHoldTime.add(entry.holdTime);
    bag.remove(entry);
    try {
      if (abort) {
        factory.abort(entry.resource);
      } else {
        factory.destroy(entry.resource);
      }
    } catch (RuntimeException e) {
      log.debug("[{}] closing connection {} failed", name, entry.id, e);
    }
    metrics.destroyed(reason);
    allocated.decrementAndGet();
    if (events.enabled()) {
      events.close(entry.id, reason);
    }
    log.debug("[{}] closed connection {} ({})", name, entry.id, reason);
    afterLoss();
  }

  private void afterLoss() {
    if (!closed && !bag.noWaiters()) {
      demand();
    }
  }

  // ---- creation ---------------------------------------------------------------------------

  @Override
  public void demand() {
    if (!demandMet()) {
      requestCreate(maxSize + maxOverflow);
    }
  }

  /** Reserves a slot below {@code limit} and schedules a creation; false when full. */
  boolean requestCreate(int limit) {
    for (;;) {
      int a = allocated.get();
      if (closed || a >= limit) {
        return false;
      }
      if (allocated.compareAndSet(a, a + 1)) {
        break;
      }
    }
    pending.incrementAndGet();
    try {
      creator.execute(this::createLoop);
      return true;
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      allocated.decrementAndGet();
      return false;
    }
  }

  /** Opens a resource for a reserved slot, retrying with backoff while borrowers wait. */
  private void createLoop() {
    boolean opened = false;
    boolean pendingCleared = false;
    try {
      for (int failures = 1; !closed; failures++) {
        try {
          PoolEntry<T> entry = openEntry(connectTimeoutNanos);
          opened = true;
          pending.decrementAndGet();
          pendingCleared = true;
          requite(entry);
          return;
        } catch (Exception e) {
          if (closed || e instanceof InterruptedException) {
            return; // close() stops the creator; that is no connection failure
          }
          if (e instanceof BoundedCalls.Abandoned) {
            failures = 0;
            continue; // a soft eviction gave the attempt up: start a fresh one at once
          }
          creationFailed(e);
          if (bag.waiting() == 0) {
            return; // nobody needs it now; housekeeping refills minIdle later
          }
          LockSupport.parkNanos(backoffNanos(failures));
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
      }
    } finally {
      if (!pendingCleared) {
        pending.decrementAndGet();
      }
      if (!opened) {
        allocated.decrementAndGet();
      }
    }
  }

  /** Opens one resource into a slot the caller reserved; the entry comes back RESERVED. */
  private PoolEntry<T> openEntry(long timeoutNanos) throws Exception {
    long t0 = System.nanoTime();
    T resource = calls.create(timeoutNanos);
    long now = ticker.read();
    long retireAt = now + maxLifetimeNanos
        - (maxLifetimeNanos > 0 ? ThreadLocalRandom.current().nextLong(maxLifetimeNanos / 40 + 1) : 0);
    PoolEntry<T> entry = new PoolEntry<>(ids.incrementAndGet(), resource, now, retireAt,
        epoch.get());
    bag.add(entry);
    peak.accumulateAndGet(bag.size(), Math::max);
    metrics.created.increment();
    consecutiveCreateFailures.set(0);
    long elapsed = System.nanoTime() - t0;
    if (events.enabled()) {
      events.connect(entry.id, elapsed);
    }
    log.debug("[{}] opened connection {} in {} ms", name, entry.id, elapsed / 1_000_000);
    return entry;
  }

  private void creationFailed(Exception e) {
    lastCreateError = e;
    metrics.creationFailures.increment();
    if (consecutiveCreateFailures.getAndIncrement() == 0) {
      log.warn("[{}] cannot open a connection: {}", name, e.toString());
    } else {
      log.debug("[{}] cannot open a connection", name, e);
    }
    if (events.enabled()) {
      events.connectFailure(e);
    }
  }

  /** The configured creation backoff; a failing or negative policy never stops creation. */
  private long backoffNanos(int failures) {
    try {
      return Math.max(0, config.connectionBackoff().delayNanos(failures));
    } catch (RuntimeException e) {
      log.warn("[{}] connectionBackoff {} failed; retrying without a pause", name,
          config.connectionBackoff(), e);
      return 0;
    }
  }

  /** Opens resources up to minIdle (one at a time while creation keeps failing). */
  void fill() {
    int want = minIdle - allocated.get();
    if (want > 0 && consecutiveCreateFailures.get() > 0) {
      want = 1;
    }
    for (int i = 0; i < want && !suspended; i++) {
      if (!requestCreate(minIdle)) {
        return;
      }
    }
  }

  // ---- housekeeping and runtime control ---------------------------------------------------

  /**
   * Runs one housekeeping pass now (the scheduler also runs one every second); if a scheduled
   * pass is under way, waits for it and then runs, so the pass sees the ticker as it is now.
   */
  public void housekeep() {
    housekeep(true);
  }

  private void housekeep(boolean wait) {
    try {
      housekeeper.run(wait);
    } catch (RuntimeException e) {
      log.warn("[{}] housekeeping failed; will retry", name, e);
    }
  }

  /**
   * Changes the pool's size limits live. Shrinking closes surplus idle connections now and
   * surplus busy ones when they are returned; growing serves waiters at once.
   *
   * @param newMinIdle 0 to newMaxSize
   * @param newMaxSize at least 1
   * @param newMaxOverflow at least 0
   * @throws IllegalArgumentException naming the bad value
   */
  public void resize(int newMinIdle, int newMaxSize, int newMaxOverflow) {
    if (newMaxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1, but was " + newMaxSize);
    }
    if (newMinIdle < 0) {
      throw new IllegalArgumentException("minIdle must be >= 0, but was " + newMinIdle);
    }
    if (newMinIdle > newMaxSize) {
      throw new IllegalArgumentException("minIdle must be <= maxSize (" + newMaxSize
          + "), but was " + newMinIdle);
    }
    if (newMaxOverflow < 0) {
      throw new IllegalArgumentException("maxOverflow must be >= 0, but was " + newMaxOverflow);
    }
    requestedMinIdle = newMinIdle;
    applySize(newMinIdle, newMaxSize, newMaxOverflow);
  }

  /** Sets validated limits and acts on them: trims surplus, serves waiters, fills minIdle. */
  private void applySize(int newMinIdle, int newMaxSize, int newMaxOverflow) {
    resizeLock.lock();
    try {
      maxSize = newMaxSize;
      minIdle = newMinIdle;
      maxOverflow = newMaxOverflow;
    } finally {
      resizeLock.unlock();
    }
    log.info("[{}] resized: minIdle={}, maxSize={}, maxOverflow={}", name, newMinIdle,
        newMaxSize, newMaxOverflow);
    trimIdle();
    for (int i = bag.waiting() - pending.get(); i > 0 && !suspended; i--) {
      if (!requestCreate(maxSize + maxOverflow)) {
        break;
      }
    }
    fill();
  }

  /** Closes idle entries while the pool holds more than maxSize. */
  void trimIdle() {
    for (PoolEntry<T> e : bag.snapshot()) {
      if (allocated.get() <= maxSize) {
        return;
      }
      if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED) && !destroySurplus(e, true)) {
        requite(e);
        return;
      }
    }
  }

  /**
   * Closes an entry the caller owns if the pool holds more than it may keep: above
   * {@code maxSize + maxOverflow} always (EVICTED), above {@code maxSize} when nobody waits or
   * the entry is idle surplus (OVERFLOW); else returns false. {@link #allocated} drops only once
   * a close has finished, so each close first claims one unit of surplus with a compare-and-set
   * on {@link #surplusClaims}: two returns never both close the last surplus connection. The
   * claim counter only grows, so a claim decided on a stale {@code allocated} cannot succeed
   * after other claims came and went (a shrinking counter let a third close through). Reading
   * claims, then finished closes, then {@code allocated} can only overcount outstanding claims,
   * which errs towards keeping; the housekeeper trims surplus left idle.
   */
  private boolean destroySurplus(PoolEntry<T> entry, boolean idleSurplus) {
    CloseReason reason;
    for (;;) {
      long claimed = surplusClaims.get();
      long outstanding = claimed - surplusClosed.get();
      long open = allocated.get() - outstanding;
      if (open > maxSize + maxOverflow) {
        reason = CloseReason.EVICTED;
      } else if (open > maxSize && (idleSurplus || bag.noWaiters())) {
        reason = CloseReason.OVERFLOW;
      } else {
        return false;
      }
      if (surplusClaims.compareAndSet(claimed, claimed + 1)) {
        break;
      }
    }
    try {
      destroy(entry, reason, false);
    } finally {
      surplusClosed.incrementAndGet(); // after destroy() counted the close off allocated
    }
    return true;
  }

  /** Stops lending: borrowers wait (up to their timeout) until {@link #resume()}. */
  public void suspend() {
    suspended = true;
    log.info("[{}] suspended", name);
  }

  /** @return whether connections are validated when lent */
  public boolean validateOnBorrow() {
    return validateOnBorrow;
  }

  /**
   * Turns validation on borrow on or off for borrows that start from now on.
   *
   * @param enabled whether to validate when lending
   */
  public void setValidateOnBorrow(boolean enabled) {
    validateOnBorrow = enabled;
    log.info("[{}] validation on borrow {}", name, enabled ? "on" : "off");
  }

  /** Lends again after {@link #suspend()}; queued borrowers are served in order. */
  public void resume() {
    suspended = false;
    log.info("[{}] resumed", name);
    for (PoolEntry<T> e : bag.snapshot()) {
      if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        bag.release(e, this);
      }
    }
    bag.wakeAll();
  }

  /**
   * Evicts every connection softly: idle ones are closed now, busy ones when returned, and
   * connection attempts under way are given up and started afresh; the pool then refills to
   * minIdle with fresh ones.
   */
  public void softEvictAll() {
    epoch.incrementAndGet();
    calls.abandonAttemptsInFlight();
    for (PoolEntry<T> e : bag.snapshot()) {
      if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        destroy(e, CloseReason.EVICTED, false);
      }
    }
    log.info("[{}] evicted all connections", name);
    fill();
  }

  /**
   * Opens connections in the background until {@code connections} are open (at most maxSize).
   *
   * @param connections the target number of open connections
   * @return how many creations were started
   */
  public int warmUp(int connections) {
    int target = Math.min(connections, maxSize);
    int started = 0;
    while (allocated.get() < target && requestCreate(target)) {
      started++;
    }
    return started;
  }

  // ---- shutdown ---------------------------------------------------------------------------

  /**
   * Shuts down: refuses new borrows, wakes waiters with an error, closes idle connections,
   * waits the grace period for borrowed ones, then aborts the rest. Idempotent.
   */
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    creator.shutdownNow();
    bag.wakeAll();
    closeIdle();
    long deadline = System.nanoTime() + config.shutdownGracePeriod().toNanos();
    while (bag.size() > 0 && deadline - System.nanoTime() > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      closeIdle();
    }
    for (PoolEntry<T> e : bag.snapshot()) {
      if (e.compareAndSet(PoolEntry.IN_USE, PoolEntry.RESERVED)) {
        e.holdTime.record(ticker.read() - e.borrowedAt);
        log.warn("[{}] connection {} still borrowed after the grace period; aborting it", name,
            e.id);
        destroy(e, CloseReason.SHUTDOWN, true);
      }
    }
    shutdownExecutors();
    log.info("[{}] closed", name);
  }

  private void closeIdle() {
    for (PoolEntry<T> e : bag.snapshot()) {
      if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        destroy(e, CloseReason.SHUTDOWN, false);
      }
    }
  }

  private void shutdownExecutors() {
    scheduler.shutdownNow();
    creator.shutdownNow();
    calls.shutdown();
    try {
      if (!creator.awaitTermination(config.shutdownGracePeriod().toMillis() + 1000,
          TimeUnit.MILLISECONDS)) {
        log.warn("[{}] a connection attempt is still running after shutdown", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- gate for waiters -------------------------------------------------------------------

  @Override
  public boolean lending() {
    return !suspended;
  }

  @Override
  public boolean closed() {
    return closed;
  }

  @Override
  public boolean demandMet() {
    return suspended || closed || pending.get() >= bag.waiting()
        || allocated.get() >= maxSize + maxOverflow;
  }

  @Override
  public PoolClosedException closedException() {
    return new PoolClosedException(name);
  }

  private BorrowTimeout timeout(long start, int failedValidations) {
    long waited = System.nanoTime() - start;
    metrics.timeouts.increment();
    metrics.waitTime.record(waited);
    if (events.enabled()) {
      events.acquireTimeout(waited);
    }
    AcquireTimeoutException.Reason reason = BorrowTimeout.reason(suspended, failedValidations,
        creationFailing(), pending.get() > 0);
    return BorrowTimeout.of(stats(), config.acquireTimeout(), reason, failedValidations, waited,
        lastCreationError());
  }

  // ---- observation ------------------------------------------------------------------------

  /** @return a snapshot of the pool's gauges and counters */
  public PoolStats stats() {
    return observer.stats();
  }

  /** @return UP, DEGRADED or DOWN with the alerts behind it, judged over the health window */
  public PoolHealth health() {
    return observer.health();
  }

  /** Samples the counters for the health window when a sample is due (housekeeping). */
  void sampleHealth(long now) {
    observer.sampleHealth(now);
  }

  /** @return the pool's name */
  public String name() {
    return name;
  }

  /** @return the last creation error while creation keeps failing, else null */
  public Throwable lastCreationError() {
    return consecutiveCreateFailures.get() > 0 ? lastCreateError : null;
  }

  /** @return true while the most recent attempt to open a resource failed */
  public boolean creationFailing() {
    return consecutiveCreateFailures.get() > 0;
  }

  /** @return resources open plus creations in flight */
  public int allocated() {
    return allocated.get();
  }

  /** @return true once {@link #close()} has begun */
  public boolean isClosed() {
    return closed;
  }

  /** @return true while suspended */
  public boolean isSuspended() {
    return suspended;
  }

  /** @return how many soft evictions have happened */
  int evictions() {
    return epoch.get();
  }

  // ---- live gauges: no snapshot, no lock, no allocation -----------------------------------

  /** @return resources lent to borrowers now */
  public int active() {
    return bag.count(PoolEntry.IN_USE);
  }

  /** @return borrowers queued now */
  public int waiting() {
    return bag.waiting();
  }

  /** @return the most resources the pool may hold now: maxSize plus maxOverflow */
  public int capacity() {
    return maxSize + maxOverflow;
  }

  /** @return the current maxSize, as resized live or by adaptive sizing */
  public int maxSize() {
    return maxSize;
  }

  /** @return the current minIdle */
  public int minIdle() {
    return minIdle;
  }

  /** @return the current maxOverflow */
  public int maxOverflow() {
    return maxOverflow;
  }

  /** Moves maxSize for adaptive sizing; minIdle follows it down and back up to what was set. */
  void setMaxSizeAdaptively(int newMaxSize) {
    applySize(Math.min(requestedMinIdle, newMaxSize), newMaxSize, maxOverflow);
  }
}
