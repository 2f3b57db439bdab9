package io.cenote.guice;

import static io.cenote.guice.TestFleet.START_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.cenote.guice.TestFleet.Recorder;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolInitializationException;
import io.cenote.router.PoolManager;
import io.cenote.testkit.CenoteThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping a fleet through {@link CenoteLifecycle}, and its listeners. */
class CenoteLifecycleTest {

  @TempDir
  Path dir;
  private CenoteLifecycle lifecycle;

  @AfterEach
  void stop() {
    if (lifecycle != null) {
      lifecycle.stop();
    }
  }

  private Injector injector(CenoteModule.Builder builder, Module... others) throws Exception {
    return injector(builder, TestFleet.sqlite(dir), others);
  }

  private Injector injector(CenoteModule.Builder builder, Properties fleet, Module... others) {
    List<Module> modules = new ArrayList<>(List.of(others));
    modules.add(builder.properties(fleet).environment(Map.of()).build());
    Injector injector = Guice.createInjector(modules);
    lifecycle = injector.getInstance(CenoteLifecycle.class);
    return injector;
  }

  /** Binds listeners into the set other modules contribute to. */
  private static Module bound(FleetListener... listeners) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<FleetListener> set = Multibinder.newSetBinder(binder(), FleetListener.class);
        for (FleetListener listener : listeners) {
          set.addBinding().toInstance(listener);
        }
      }
    };
  }

  @Test
  void startStartsClustersThenPoolsAndStopClosesEveryMemberInReverseOrder() throws Exception {
    List<String> heard = Recorder.log();
    CenoteThreads threads = TestFleet.threads();
    Injector injector = injector(CenoteModule.builder().listener(new Recorder("l", heard)));

    lifecycle.start();
    List<PoolControl> pools = TestFleet.allPools(injector);
    boolean runningAfterStart = lifecycle.isRunning();
    List<String> threadsWhileRunning = threads.started();
    lifecycle.stop();

    assertThat(runningAfterStart).isTrue();
    assertThat(threadsWhileRunning).as("Cenote threads while running").isNotEmpty();
    assertThat(lifecycle.startOrder()).containsExactlyElementsOf(START_ORDER);
    assertThat(heard).containsExactly("l:started", "l:stopping", "l:memberStopped:sessions",
        "l:memberStopped:cache", "l:memberStopped:orders", "l:memberStopped:alpha");
    assertThat(pools).hasSize(6).allSatisfy(p -> assertThat(p.isClosed()).as(p.poolName())
        .isTrue());
    assertThat(lifecycle.isRunning()).isFalse();
    TestFleet.awaitNoThread(threads);
  }

  @Test
  void startAndStopAreIdempotent() throws Exception {
    List<String> heard = Recorder.log();
    injector(CenoteModule.builder().listener(new Recorder("l", heard)));

    lifecycle.start();
    PoolManager manager = lifecycle.manager();
    lifecycle.start();
    PoolManager managerAfterSecondStart = lifecycle.manager();
    lifecycle.stop();
    lifecycle.stop();

    assertThat(managerAfterSecondStart).isSameAs(manager);
    assertThat(heard).filteredOn(e -> e.endsWith(":started")).hasSize(1);
    assertThat(heard).filteredOn(e -> e.contains(":memberStopped:")).hasSize(4);
    assertThat(heard).filteredOn(e -> e.endsWith(":stopping")).hasSize(1);
  }

  @Test
  void aStoppedLifecycleDoesNotStartAgainAndSaysSo() throws Exception {
    injector(CenoteModule.builder());
    lifecycle.start();
    lifecycle.stop();

    assertThatThrownBy(() -> lifecycle.start()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was stopped");
    assertThatThrownBy(() -> lifecycle.manager()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped by CenoteLifecycle.stop()");
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void aFailedStartNamesTheMemberClosesTheOthersAndALaterStartTriesAgain() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    Path missing = dir.resolve("not-yet");
    fleet.setProperty("cenote.pools.sessions.jdbcUrl",
        "jdbc:sqlite:" + missing.resolve("sessions.db"));
    List<String> heard = Recorder.log();
    CenoteThreads threads = TestFleet.threads();
    Injector injector = injector(CenoteModule.builder().listener(new Recorder("l", heard)),
        fleet);

    assertThatThrownBy(() -> lifecycle.start())
        .isInstanceOf(FleetStartException.class)
        .hasMessageContaining("pool 'sessions' failed")
        .hasMessageContaining("3 member(s) started before it were closed again")
        .satisfies(e -> assertThat(((FleetStartException) e).member()).isEqualTo("sessions"))
        .hasCauseInstanceOf(PoolInitializationException.class);
    List<String> startedBeforeTheFailure = lifecycle.startOrder();
    boolean runningAfterFailure = lifecycle.isRunning();
    boolean cacheOpened = Files.exists(dir.resolve("cache.db"));
    TestFleet.awaitNoThread(threads);
    Files.createDirectory(missing);
    lifecycle.start();

    assertThat(startedBeforeTheFailure).containsExactly("alpha", "orders", "cache");
    assertThat(runningAfterFailure).isFalse();
    assertThat(cacheOpened).as("cache started before the failure").isTrue();
    assertThat(heard).as("listeners hear of started fleets only").containsExactly("l:started");
    assertThat(lifecycle.isRunning()).isTrue();
    assertThat(lifecycle.startOrder()).containsExactlyElementsOf(START_ORDER);
    assertThat(TestFleet.allPools(injector)).allSatisfy(p -> assertThat(p.isClosed()).isFalse());
  }

  @Test
  void listenersHearTheBuildersFirstThenTheBoundOnesAndStoppingInReverse() throws Exception {
    List<String> heard = Recorder.log();
    injector(CenoteModule.builder().listener(new Recorder("a", heard))
            .listener(new Recorder("b", heard)),
        bound(new Recorder("c", heard)), bound(new Recorder("d", heard)));

    lifecycle.start();
    List<String> onStart = new ArrayList<>(heard);
    heard.clear();
    lifecycle.stop();

    assertThat(onStart).containsExactly("a:started", "b:started", "c:started", "d:started");
    assertThat(heard.subList(0, 4))
        .containsExactly("d:stopping", "c:stopping", "b:stopping", "a:stopping");
    assertThat(heard.subList(4, heard.size())).containsExactly(
        "a:memberStopped:sessions", "b:memberStopped:sessions", "c:memberStopped:sessions",
        "d:memberStopped:sessions",
        "a:memberStopped:cache", "b:memberStopped:cache", "c:memberStopped:cache",
        "d:memberStopped:cache",
        "a:memberStopped:orders", "b:memberStopped:orders", "c:memberStopped:orders",
        "d:memberStopped:orders",
        "a:memberStopped:alpha", "b:memberStopped:alpha", "c:memberStopped:alpha",
        "d:memberStopped:alpha");
  }

  @Test
  void aListenerFailingInStartedStopsTheFleetAndItsFailurePropagates() throws Exception {
    List<String> heard = Recorder.log();
    AtomicInteger refusals = new AtomicInteger(1);
    IllegalStateException refusal = new IllegalStateException("metrics registry unavailable");
    FleetListener failing = new FleetListener() {
      @Override
      public void started(PoolManager manager) {
        if (refusals.getAndDecrement() > 0) {
          throw refusal;
        }
      }
    };
    CenoteThreads threads = TestFleet.threads();
    Injector injector = injector(CenoteModule.builder().listener(new Recorder("a", heard)),
        bound(failing, new Recorder("c", heard)));

    assertThatThrownBy(() -> lifecycle.start()).isSameAs(refusal);
    boolean runningAfterFailure = lifecycle.isRunning();
    List<String> heardOnFailure = new ArrayList<>(heard);
    TestFleet.awaitNoThread(threads);
    lifecycle.start();

    assertThat(runningAfterFailure).isFalse();
    assertThat(heardOnFailure).startsWith("a:started", "c:stopping", "a:stopping",
        "a:memberStopped:sessions", "c:memberStopped:sessions")
        .as("c never heard started").doesNotContain("c:started");
    assertThat(heardOnFailure).filteredOn(e -> e.startsWith("a:memberStopped:"))
        .containsExactly("a:memberStopped:sessions", "a:memberStopped:cache",
            "a:memberStopped:orders", "a:memberStopped:alpha");
    assertThat(lifecycle.isRunning()).as("running after a second start").isTrue();
    assertThat(TestFleet.allPools(injector)).allSatisfy(p -> assertThat(p.isClosed()).isFalse());
  }

  @Test
  void aFailingStopListenerDoesNotKeepTheFleetFromClosing() throws Exception {
    RuntimeException broken = new IllegalArgumentException("broken listener");
    FleetListener failing = new FleetListener() {
      @Override
      public void stopping(PoolManager manager) {
        throw broken;
      }
    };
    Injector injector = injector(CenoteModule.builder().listener(failing));
    lifecycle.start();
    List<PoolControl> pools = TestFleet.allPools(injector);

    assertThatThrownBy(() -> lifecycle.stop()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("every member was closed anyway").hasCause(broken);
    assertThat(pools).allSatisfy(p -> assertThat(p.isClosed()).isTrue());
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void theShutdownHookIsRegisteredByStartAndRemovedByStop() throws Exception {
    injector(CenoteModule.builder().shutdownHook());

    Thread beforeStart = lifecycle.shutdownHookThread();
    lifecycle.start();
    Thread hook = lifecycle.shutdownHookThread();
    lifecycle.stop();
    boolean removedAgain = Runtime.getRuntime().removeShutdownHook(hook);

    assertThat(beforeStart).isNull();
    assertThat(hook).isNotNull();
    assertThat(removedAgain).as("stop() had removed it already").isFalse();
    assertThat(lifecycle.shutdownHookThread()).isNull();
  }

  @Test
  void theRegisteredShutdownHookStopsTheFleet() throws Exception {
    CenoteThreads threads = TestFleet.threads();
    Injector injector = injector(CenoteModule.builder().shutdownHook());
    lifecycle.start();
    Thread hook = lifecycle.shutdownHookThread();
    List<PoolControl> pools = TestFleet.allPools(injector);

    boolean wasRegistered = Runtime.getRuntime().removeShutdownHook(hook);
    hook.run(); // what the JVM does at exit, on this thread

    assertThat(wasRegistered).as("registered with the JVM").isTrue();
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(pools).allSatisfy(p -> assertThat(p.isClosed()).isTrue());
    TestFleet.awaitNoThread(threads);
  }

  @Test
  void withoutShutdownHookNoneIsRegistered() throws Exception {
    injector(CenoteModule.builder());

    lifecycle.start();

    assertThat(lifecycle.shutdownHookThread()).isNull();
  }
}
