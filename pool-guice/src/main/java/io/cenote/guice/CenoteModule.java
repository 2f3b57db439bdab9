package io.cenote.guice;

import com.google.inject.AbstractModule;
import com.google.inject.BindingAnnotation;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.cenote.guice.internal.DatabaseModules;
import io.cenote.guice.internal.FleetAccess;
import io.cenote.guice.internal.MetricsModule;
import io.cenote.pool.PoolConfig;
import io.cenote.router.ClusterConfig;
import io.cenote.router.FleetConfig;
import io.cenote.router.PoolManager;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a Cenote fleet (clusters and standalone pools described by one properties file, see
 * {@link FleetConfig}) into a Guice injector: one private module per cluster and per standalone
 * pool, each exposing its bindings under {@code @Named("<name>")} and, if asked, under an
 * annotation of the application's own.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION,
 *     CenoteModule.builder()
 *         .file(Path.of("/etc/shop/fleet.properties"))   // ${DB_PASSWORD} from the environment
 *         .annotate("orders", OrdersDb.class)
 *         .shutdownHook()
 *         .build(),
 *     new ShopModule());
 * injector.getInstance(CenoteLifecycle.class).start();
 * }</pre>
 *
 * <table>
 *   <caption>Bindings per database</caption>
 *   <tr><th>database</th><th>type</th><th>scope</th></tr>
 *   <tr><td>cluster</td><td>{@code DataSource} (routes on {@code setReadOnly(true)})</td>
 *       <td>singleton, usable once started</td></tr>
 *   <tr><td>cluster</td><td>{@code Cluster}</td><td>each provision; the fleet must run</td></tr>
 *   <tr><td>cluster</td><td>{@code List<PoolControl>}, primary first</td>
 *       <td>each provision; the fleet must run</td></tr>
 *   <tr><td>standalone pool</td><td>{@code DataSource}</td>
 *       <td>singleton, usable once started</td></tr>
 *   <tr><td>standalone pool</td><td>{@code PoolControl}</td>
 *       <td>each provision; the fleet must run</td></tr>
 *   <tr><td>standalone pool</td><td>{@code List<PoolControl>}, one element</td>
 *       <td>each provision; the fleet must run</td></tr>
 * </table>
 *
 * <p>and, without annotation, {@link CenoteLifecycle} (a singleton), {@link PoolManager} (each
 * provision; the fleet must run), {@link FleetConfig}, and the set of {@link FleetListener}s
 * other modules may add to.
 *
 * <p><b>No I/O at injector creation.</b> {@link #configure()} reads and validates the fleet
 * file and opens nothing: no connection, no thread. An invalid file fails
 * {@code Guice.createInjector} with a {@code CreationException} whose message names the key at
 * fault. Every binding can be created in {@code Stage.PRODUCTION}: the {@code DataSource}s look
 * up the started member at each {@code getConnection()} (and throw an {@code SQLException}
 * naming the database before {@link CenoteLifecycle#start()}); the other bindings are asked of
 * the running fleet at each provision, so an eager singleton should inject
 * {@code Provider<Cluster>} rather than {@code Cluster}. With {@link Builder#startOnFirstUse()}
 * the first use starts the fleet instead.
 *
 * <p>A module can be installed into several injectors; each gets its own lifecycle and fleet.
 * See {@code docs/guice.md}.
 */
public final class CenoteModule extends AbstractModule {

  private static final Key<Set<FleetListener>> BOUND_LISTENERS = new Key<>() {};

  private final FleetSource source;
  private final Map<String, Class<? extends Annotation>> annotations;
  private final boolean startOnFirstUse;
  private final boolean shutdownHook;
  private final List<FleetListener> listeners;
  private final boolean metrics;

  private CenoteModule(Builder builder) {
    this.source = builder.source();
    this.annotations = Map.copyOf(builder.annotations);
    this.startOnFirstUse = builder.startOnFirstUse;
    this.shutdownHook = builder.shutdownHook;
    this.listeners = List.copyOf(builder.listeners);
    this.metrics = builder.metrics;
  }

  /** @return a builder; give it exactly one of {@code file}, {@code properties}, {@code config} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the fleet and binds it; opens nothing. A fleet that does not load, or an annotation
   * for a database the fleet lacks, is reported as an error of the injector's creation.
   */
  @Override
  protected void configure() {
    FleetConfig fleet;
    try {
      fleet = source.load();
    } catch (RuntimeException e) {
      // the message alone: with a cause, Guice also logs the whole stack trace at INFO
      addError("Cenote fleet from %s: %s", source.description(), e.getMessage());
      return;
    }
    Set<String> databases = new TreeSet<>(fleet.clusters().keySet());
    databases.addAll(fleet.pools().keySet());
    annotations.forEach((name, annotation) -> {
      if (!databases.contains(name)) {
        addError("CenoteModule.annotate(\"%s\", %s): the fleet has no cluster or pool named"
            + " '%s'; it has %s", name, annotation.getName(), name, databases);
      }
    });

    Multibinder.newSetBinder(binder(), FleetListener.class); // the set exists when it is empty
    bind(FleetConfig.class).toInstance(fleet);
    bind(CenoteLifecycle.class).toProvider(new LifecycleProvider(fleet, listeners,
        getProvider(BOUND_LISTENERS), shutdownHook)).in(Scopes.SINGLETON);
    FleetAccess access = new FleetAccess(getProvider(CenoteLifecycle.class), startOnFirstUse);
    Provider<PoolManager> manager = () -> access.manager("the PoolManager");
    bind(PoolManager.class).toProvider(manager);
    for (ClusterConfig cluster : fleet.clusters().values()) {
      install(DatabaseModules.cluster(cluster, annotations.get(cluster.name()), access));
    }
    for (Map.Entry<String, PoolConfig> pool : fleet.pools().entrySet()) {
      install(DatabaseModules.pool(pool.getKey(), pool.getValue(),
          annotations.get(pool.getKey()), access));
    }
    if (metrics) {
      installMetrics();
    }
  }

  /** Installs the metrics binding, after checking that pool-micrometer can be loaded. */
  private void installMetrics() {
    try {
      Class.forName(MetricsModule.PROBE_CLASS, false, CenoteModule.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      addError("CenoteModule.metrics() needs pool-micrometer on the classpath: add the"
          + " dependency io.cenote:pool-micrometer (%s)", e);
      return;
    }
    install(new MetricsModule());
  }

  /** One lifecycle per injector, created when first asked for (eagerly in production). */
  private static final class LifecycleProvider implements Provider<CenoteLifecycle> {

    private final FleetConfig fleet;
    private final List<FleetListener> listeners;
    private final Provider<Set<FleetListener>> bound;
    private final boolean shutdownHook;

    LifecycleProvider(FleetConfig fleet, List<FleetListener> listeners,
        Provider<Set<FleetListener>> bound, boolean shutdownHook) {
      this.fleet = fleet;
      this.listeners = listeners;
      this.bound = bound;
      this.shutdownHook = shutdownHook;
    }

    @Override
    public CenoteLifecycle get() {
      return new CenoteLifecycle(fleet, listeners, bound, shutdownHook);
    }
  }

  /** Builds a {@link CenoteModule}. Not thread-safe. */
  public static final class Builder {

    private Path file;
    private Properties properties;
    private FleetConfig config;
    private Map<String, String> environment;
    private final Map<String, Class<? extends Annotation>> annotations = new LinkedHashMap<>();
    private boolean startOnFirstUse;
    private boolean shutdownHook;
    private final List<FleetListener> listeners = new ArrayList<>();
    private boolean metrics;

    private Builder() {}

    /**
     * Takes the fleet from a properties file, read as UTF-8 when the injector is created.
     *
     * @param fleetFile the file
     * @return this builder
     */
    public Builder file(Path fleetFile) {
      this.file = Objects.requireNonNull(fleetFile, "fleetFile");
      return this;
    }

    /**
     * Takes the fleet from properties, copied now.
     *
     * @param fleetProperties the properties; keys not starting with {@code cenote.} are ignored
     * @return this builder
     */
    public Builder properties(Properties fleetProperties) {
      this.properties = (Properties) Objects.requireNonNull(fleetProperties, "fleetProperties")
          .clone();
      return this;
    }

    /**
     * Takes a fleet configuration loaded beforehand.
     *
     * @param fleet the configuration
     * @return this builder
     */
    public Builder config(FleetConfig fleet) {
      this.config = Objects.requireNonNull(fleet, "fleet");
      return this;
    }

    /**
     * Sets the environment that the file or properties are read with: {@code CENOTE_*}
     * overrides and {@code ${VAR}} placeholders. The default is {@code System.getenv()}, read
     * when the injector is created.
     *
     * @param variables variable names to values, copied now
     * @return this builder
     */
    public Builder environment(Map<String, String> variables) {
      this.environment = Map.copyOf(Objects.requireNonNull(variables, "variables"));
      return this;
    }

    /**
     * Binds a database under an annotation of the application's own too, beside
     * {@code @Named("<name>")}. The database must be in the fleet, else the injector's creation
     * fails naming it.
     *
     * @param databaseName a cluster's name or a standalone pool's name in the fleet file
     * @param annotation a runtime-retained annotation carrying {@link Qualifier} or
     *     {@link BindingAnnotation}
     * @return this builder
     * @throws IllegalArgumentException when the annotation is no binding annotation, or the
     *     database already has one
     */
    public Builder annotate(String databaseName, Class<? extends Annotation> annotation) {
      Objects.requireNonNull(databaseName, "databaseName");
      Objects.requireNonNull(annotation, "annotation");
      if (!annotation.isAnnotationPresent(Qualifier.class)
          && !annotation.isAnnotationPresent(BindingAnnotation.class)) {
        throw new IllegalArgumentException("annotate(\"" + databaseName + "\", "
            + annotation.getName() + "): the annotation must carry @jakarta.inject.Qualifier or"
            + " @com.google.inject.BindingAnnotation");
      }
      Retention retention = annotation.getAnnotation(Retention.class);
      if (retention == null || retention.value() != RetentionPolicy.RUNTIME) {
        throw new IllegalArgumentException("annotate(\"" + databaseName + "\", "
            + annotation.getName() + "): the annotation must be @Retention(RUNTIME)");
      }
      if (annotations.containsKey(databaseName)) {
        throw new IllegalArgumentException("annotate(\"" + databaseName + "\", "
            + annotation.getName() + "): the database is already annotated with "
            + annotations.get(databaseName).getName());
      }
      annotations.put(databaseName, annotation);
      return this;
    }

    /**
     * Starts the fleet at the first use of a bound {@code DataSource}, {@code Cluster},
     * {@code PoolControl}, {@code List<PoolControl>} or {@code PoolManager}, once, however
     * many threads use them at the same time. Without it, {@link CenoteLifecycle#start()} must
     * be called first.
     *
     * @return this builder
     */
    public Builder startOnFirstUse() {
      this.startOnFirstUse = true;
      return this;
    }

    /**
     * Has {@link CenoteLifecycle#start()} register a JVM shutdown hook that stops the fleet;
     * {@link CenoteLifecycle#stop()} removes it.
     *
     * @return this builder
     */
    public Builder shutdownHook() {
      this.shutdownHook = true;
      return this;
    }

    /**
     * Adds a listener, called before the listeners bound with a {@code Multibinder}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(FleetListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Publishes the meters of every cluster and pool (pool-micrometer's {@code FleetMetrics},
     * see {@code docs/metrics.md}) to the injector's {@code MeterRegistry} while the fleet
     * runs: bound after {@link CenoteLifecycle#start()}, removed by
     * {@link CenoteLifecycle#stop()}. The application adds {@code io.cenote:pool-micrometer}
     * and binds a {@code MeterRegistry}; without either, the injector's creation fails saying
     * which is missing.
     *
     * @return this builder
     */
    public Builder metrics() {
      this.metrics = true;
      return this;
    }

    /**
     * @return the module
     * @throws IllegalStateException when not exactly one of {@code file}, {@code properties}
     *     and {@code config} was given, or an environment was given with {@code config}
     */
    public CenoteModule build() {
      return new CenoteModule(this);
    }

    private FleetSource source() {
      List<FleetSource> sources = new ArrayList<>();
      if (file != null) {
        sources.add(FleetSource.file(file, environment));
      }
      if (properties != null) {
        sources.add(FleetSource.properties(properties, environment));
      }
      if (config != null) {
        if (environment != null) {
          throw new IllegalStateException("environment() applies to file() or properties();"
              + " a FleetConfig given to config() was read with its environment already");
        }
        sources.add(FleetSource.config(config));
      }
      if (sources.size() != 1) {
        throw new IllegalStateException("give exactly one of file(), properties() and config(),"
            + " but " + sources.size() + " were given");
      }
      return sources.get(0);
    }
  }
}
