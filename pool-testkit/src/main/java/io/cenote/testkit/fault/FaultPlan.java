package io.cenote.testkit.fault;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The faults to inject into the connections of one simulated server, and what those connections
 * did. A plan is keyed by its URL without the {@code jdbc:cenote-fault:} prefix and the query
 * string ({@code stub}, {@code stub:orders}, {@code postgresql://127.0.0.1:5432/app}); get it with
 * {@link FaultDriver#plan(String)}. The {@linkplain FaultDriver#global() global plan}'s faults
 * apply to every connection and its counters add up all plans.
 *
 * <pre>{@code
 * FaultPlan plan = FaultDriver.plan("stub:orders");
 * plan.failConnects(FaultTrigger.times(2))              // next two connects fail with 08001
 *     .statementLatency(Duration.ofMillis(5))           // every statement takes 5 ms
 *     .failValidation(FaultTrigger.probability(0.1));   // isValid is false one time in ten
 * plan.restart();                                        // every open connection is reset
 * plan.reset();                                          // back to a healthy server
 * }</pre>
 *
 * <p>Every method is thread-safe and takes effect at once, also for connections already open
 * and calls already running (a new hang does not stop a call that is already past its check).
 * Changes build a new immutable snapshot that connections read through one volatile field, so a
 * plan that injects nothing costs its connections almost nothing.
 */
public final class FaultPlan {

  private static final VarHandle FAULTS;

  static {
    try {
      FAULTS = MethodHandles.lookup().findVarHandle(FaultPlan.class, "faults", Faults.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String key;
  private final FaultPlan global;
  private final PlanRegistry registry;
  private final boolean stub;
  private final FaultCounters counters;
  private final Set<AbstractFaultConnection> open = ConcurrentHashMap.newKeySet();
  private volatile Faults faults = Faults.NONE;

  /** Creates a plan; {@code global} is null for the global plan itself. */
  FaultPlan(String key, FaultPlan global, PlanRegistry registry) {
    this.key = key;
    this.global = global;
    this.registry = registry;
    this.stub = PlanRegistry.isStubKey(key);
    this.counters = new FaultCounters(global == null ? null : global.counters);
  }

  // ---------------------------------------------------------------- identity and state

  /**
   * Returns the plan's key: the URL without {@code jdbc:cenote-fault:} and without its query
   * string, or {@code *} for the global plan.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Tells whether this is the global plan, whose faults apply to every connection.
   *
   * @return true for the global plan
   */
  public boolean isGlobal() {
    return global == null;
  }

  /**
   * Returns the live counters of this plan's connections (of all connections, for the global plan).
   *
   * @return the counters
   */
  public FaultCounters counters() {
    return counters;
  }

  /**
   * Returns a snapshot of {@link #counters()}.
   *
   * @return the snapshot
   */
  public FaultStats stats() {
    return counters.snapshot();
  }

  /**
   * Lists the connections of this plan (of every plan, for the global plan) that are open now,
   * in opening order; broken connections stay listed until they are closed. Useful to check that
   * nothing leaked.
   *
   * @return an immutable list, empty when every connection was closed
   */
  public List<FaultConnection> openConnections() {
    List<FaultConnection> list = new ArrayList<>();
    if (isGlobal()) {
      for (FaultPlan plan : registry.plans()) {
        list.addAll(plan.open);
      }
    } else {
      list.addAll(open);
    }
    list.sort(Comparator.comparingLong(FaultConnection::id));
    return Collections.unmodifiableList(list);
  }

  // ---------------------------------------------------------------- connect faults

  /**
   * Makes connects fail with SQLState {@code 08001} when {@code when} fires.
   *
   * @param when when to fail; {@link FaultTrigger#never()} clears the fault
   * @return this plan
   */
  public FaultPlan failConnects(FaultTrigger when) {
    return failConnects(when, FaultSqlStates.CONNECT_FAILURE,
        "connection refused (injected by the fault driver)");
  }

  /**
   * Makes connects fail with the given SQLState and message when {@code when} fires.
   *
   * @param when when to fail; {@link FaultTrigger#never()} clears the fault
   * @param sqlState the SQLState of the thrown {@link java.sql.SQLException}
   * @param message its message
   * @return this plan
   */
  public FaultPlan failConnects(FaultTrigger when, String sqlState, String message) {
    Rule rule = Rule.failure(when, sqlState, message);
    return update(b -> {
      b.connectFailure = rule;
      return b;
    });
  }

  /**
   * Delays every connect by a fixed time; {@link Duration#ZERO} clears the delay.
   *
   * @param latency the delay
   * @return this plan
   */
  public FaultPlan connectLatency(Duration latency) {
    return connectLatency(latency, latency);
  }

  /**
   * Delays every connect by a time drawn uniformly from {@code [min, max]}.
   *
   * @param min the shortest delay
   * @param max the longest delay
   * @return this plan
   */
  public FaultPlan connectLatency(Duration min, Duration max) {
    Latency latency = Latency.between("connectLatency", min, max);
    return update(b -> {
      b.connectLatency = latency;
      return b;
    });
  }

  /**
   * Takes the server down: connects fail with {@code 08001} until {@link #up()}. Open connections
   * are not touched; combine with {@link #restart()} to break them too.
   *
   * @return this plan
   */
  public FaultPlan down() {
    return update(b -> {
      b.down = true;
      return b;
    });
  }

  /**
   * Brings the server back up after {@link #down()}.
   *
   * @return this plan
   */
  public FaultPlan up() {
    return update(b -> {
      b.down = false;
      return b;
    });
  }

  /**
   * Tells whether the server is {@linkplain #down() down}.
   *
   * @return true while down
   */
  public boolean isDown() {
    return faults.down;
  }

  // ---------------------------------------------------------------- connection faults

  /**
   * Makes {@code Connection.isValid} return false when {@code when} fires; the connection itself
   * stays usable.
   *
   * @param when when to fail; {@link FaultTrigger#never()} clears the fault
   * @return this plan
   */
  public FaultPlan failValidation(FaultTrigger when) {
    Rule rule = Rule.of(when);
    return update(b -> {
      b.validationFailure = rule;
      return b;
    });
  }

  /**
   * Delays every statement execution by a fixed time; {@link Duration#ZERO} clears the delay. The
   * delay ends early, with an exception, if the connection is closed, aborted or reset, or when
   * the statement's query timeout or the connection's network timeout passes.
   *
   * @param latency the delay
   * @return this plan
   */
  public FaultPlan statementLatency(Duration latency) {
    return statementLatency(latency, latency);
  }

  /**
   * Delays every statement execution by a time drawn uniformly from {@code [min, max]}.
   *
   * @param min the shortest delay
   * @param max the longest delay
   * @return this plan
   */
  public FaultPlan statementLatency(Duration min, Duration max) {
    Latency latency = Latency.between("statementLatency", min, max);
    return update(b -> {
      b.statementLatency = latency;
      return b;
    });
  }

  /**
   * Makes statement executions fail with SQLState {@code 08006} when {@code when} fires. Like a
   * real driver whose socket failed, a class 08 failure also breaks the connection.
   *
   * @param when when to fail; {@link FaultTrigger#never()} clears the fault
   * @return this plan
   */
  public FaultPlan failStatements(FaultTrigger when) {
    return failStatements(when, FaultSqlStates.CONNECTION_FAILURE,
        "connection failure (injected by the fault driver)");
  }

  /**
   * Makes statement executions fail with the given SQLState and message when {@code when} fires.
   * A state of class 08 also breaks the connection; any other leaves it usable (for example
   * {@code 40001} for a serialization failure or {@code 23505} for a unique violation).
   *
   * @param when when to fail; {@link FaultTrigger#never()} clears the fault
   * @param sqlState the SQLState of the thrown {@link java.sql.SQLException}
   * @param message its message
   * @return this plan
   */
  public FaultPlan failStatements(FaultTrigger when, String sqlState, String message) {
    Rule rule = Rule.failure(when, sqlState, message);
    return update(b -> {
      b.statementFailure = rule;
      return b;
    });
  }

  /**
   * Makes every {@linkplain NetworkCall network call} hang when {@code when} fires; see
   * {@link #hang(FaultTrigger, NetworkCall, NetworkCall...)}.
   *
   * @param when when to hang; {@link FaultTrigger#never()} clears the fault
   * @return this plan
   */
  public FaultPlan hang(FaultTrigger when) {
    return hang(Rule.hang(when, NetworkCall.ALL));
  }

  /**
   * Makes the given network calls hang when {@code when} fires, as if the server stopped
   * answering. A hung call blocks until the connection is aborted or closed from another thread,
   * the plan is restarted, or the connection's network timeout ({@code setNetworkTimeout}) or
   * the call's own timeout (query timeout, {@code isValid} timeout) passes. It then throws
   * {@code 08006} (a network timeout also breaks the connection), or {@code 57014} as a
   * {@link java.sql.SQLTimeoutException} for a query timeout; a hung {@code isValid} returns
   * false instead. An interrupted call throws {@code HY008} and keeps the interrupt flag. When the
   * hang is lifted ({@code hang(FaultTrigger.never())} or {@link #reset()}) while calls are
   * blocked, those calls go on normally, as if the server answered at last.
   *
   * @param when when to hang; {@link FaultTrigger#never()} clears the fault
   * @param call a call to hang
   * @param more more calls to hang
   * @return this plan
   */
  public FaultPlan hang(FaultTrigger when, NetworkCall call, NetworkCall... more) {
    int calls = call.bit();
    for (NetworkCall c : more) {
      calls |= c.bit();
    }
    return hang(Rule.hang(when, calls));
  }

  private FaultPlan hang(Rule rule) {
    update(b -> {
      b.hang = rule;
      return b;
    });
    Blocker.wakeAll(); // calls hung on something no longer hung go on
    return this;
  }

  // ---------------------------------------------------------------- whole-server events

  /**
   * Simulates a server restart: every connection open now is reset (any use throws
   * {@code 08006}, {@code isValid} returns false, calls blocked in a hang or delay fail at once),
   * while connections opened afterwards work. For the global plan, every connection of every
   * plan is reset.
   *
   * @return this plan
   */
  public FaultPlan restart() {
    update(b -> {
      b.epoch++;
      return b;
    });
    Blocker.wakeAll();
    return this;
  }

  /**
   * Returns how many times this plan was {@linkplain #restart() restarted}.
   *
   * @return the count
   */
  public long restarts() {
    return faults.epoch;
  }

  /**
   * Clears every fault, including {@link #down()}, so the server is healthy again. Counters,
   * open connections and connections already broken are left as they are.
   *
   * @return this plan
   */
  public FaultPlan reset() {
    update(Faults.Builder::clearFaults);
    Blocker.wakeAll();
    return this;
  }

  /**
   * Tells whether the plan injects nothing at the moment.
   *
   * @return true when no fault is set
   */
  public boolean isQuiet() {
    return faults.isQuiet();
  }

  // ---------------------------------------------------------------- randomness

  /**
   * Makes probabilities and latency ranges reproducible by drawing them from a
   * {@link java.util.Random} seeded with {@code seed} (thread-safe; the sequence is reproducible
   * when one thread uses the plan).
   *
   * @param seed the seed
   * @return this plan
   */
  public FaultPlan seed(long seed) {
    return random(new Random(seed));
  }

  /**
   * Draws probabilities and latency ranges from {@code random}, which must be thread-safe when
   * several threads use the plan's connections; null goes back to {@code ThreadLocalRandom}, the
   * default.
   *
   * @param random the generator, or null
   * @return this plan
   */
  public FaultPlan random(RandomGenerator random) {
    return update(b -> {
      b.random = random;
      return b;
    });
  }

  /**
   * Describes the plan and its active faults, for test failure messages.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "FaultPlan[" + key + ", " + faults + "]";
  }

  // ---------------------------------------------------------------- package-private

  Faults faults() {
    return faults;
  }

  FaultPlan global() {
    return global;
  }

  boolean isStub() {
    return stub;
  }

  void connectionOpened(AbstractFaultConnection connection) {
    open.add(connection);
    counters.connectionOpened();
  }

  void connectionClosed(AbstractFaultConnection connection) {
    open.remove(connection);
    counters.connectionClosed();
  }

  private FaultPlan update(UnaryOperator<Faults.Builder> change) {
    Objects.requireNonNull(change);
    Faults current;
    Faults next;
    do {
      current = faults;
      next = change.apply(current.toBuilder()).build();
    } while (!FAULTS.compareAndSet(this, current, next));
    return this;
  }
}
