package com.ngx.marketplace.internal;

import com.ngx.api.health.HealthCheck;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin bundles in this OSGi framework: installs a version's bundle from its stored, hash
 * checked artifact, starts it and gates it on its health; removes it when no tenant uses it.
 *
 * <p>Bundles are never updated in place: a new version is installed beside the old one and the
 * old one is uninstalled once unused, so no class loader outlives its last user and no platform
 * bundle is ever refreshed. A plugin exports nothing (certification enforces it), so refreshing
 * a removed plugin bundle touches that bundle only; every removal checks this before it acts.
 */
@Component(service = PluginRuntime.class, configurationPid = "com.ngx.marketplace")
public final class PluginRuntime {
  /** Location prefix of plugin bundles serving tenants. */
  static final String LOCATION = "ngx-plugin:";
  /** Location prefix of bundles under a certification trial. */
  static final String TRIAL = "ngx-trial:";
  /** Separates a plugin bundle's location from that of a library it ships with (in a KAR). */
  static final String LIBRARY = "!";

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  /** A version's identity in the runtime. */
  public record Target(String pluginId, String version, String sha256) {
    String location() {
      return LOCATION + pluginId + "/" + version + "#" + sha256.substring(0, 16);
    }
  }

  /** Why a bundle could not be brought up. */
  public static final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String rule;

    StartFailure(String rule, String message) {
      super(message);
      this.rule = rule;
    }

    public String rule() {
      return rule;
    }
  }

  /**
   * What installing a version would do to the runtime.
   *
   * @param install bundles that would be installed and started
   * @param uninstall bundles that would leave the runtime
   * @param refresh bundles that would be refreshed (restarted with new wiring)
   * @param platformBundlesAffected platform bundles among those refreshed: must be empty
   * @param allowed whether the plan may run
   */
  public record Plan(
      List<String> install,
      List<String> uninstall,
      List<String> refresh,
      List<String> platformBundlesAffected,
      boolean allowed) {}

  private final BundleContext context;
  private final ArtifactSource artifacts;
  private final Duration startTimeout;
  /** One lock per bundle location: bringing one version up never blocks calls to another. */
  private final java.util.concurrent.ConcurrentMap<String, Object> locks =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ExecutorService lifecycle =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ngx-plugin-lifecycle");
            t.setDaemon(true);
            return t;
          });

  /** Where the bytes of a version come from (the database). */
  @FunctionalInterface
  public interface ArtifactSource {
    byte[] load(String sha256);
  }

  @Activate
  public PluginRuntime(
      BundleContext context,
      @Reference Listings listings,
      @Reference PluginIsolation isolation,
      MarketplaceConfiguration config) {
    this(context, listings::artifact, Duration.ofSeconds(config.startTimeoutSeconds()));
  }

  PluginRuntime(BundleContext context, ArtifactSource artifacts, Duration startTimeout) {
    this.context = context;
    this.artifacts = artifacts;
    this.startTimeout = startTimeout;
  }

  @Deactivate
  void close() {
    lifecycle.shutdownNow();
  }

  /** The bundle serving a version on this node, if it is installed. */
  public Optional<Bundle> bundle(Target target) {
    return Optional.ofNullable(context.getBundle(target.location()));
  }

  /** Plugin bundles installed on this node (not trials). */
  public List<Bundle> pluginBundles() {
    List<Bundle> all = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(LOCATION) && !b.getLocation().contains(LIBRARY)) {
        all.add(b);
      }
    }
    return all;
  }

  /** Every bundle plugins brought: plugin bundles and their libraries. */
  public List<Bundle> allPluginBundles() {
    List<Bundle> all = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(LOCATION)) {
        all.add(b);
      }
    }
    return all;
  }

  /** What bringing {@code target} up and removing {@code replaced} (if any, and then unused) would do. */
  public Plan plan(Target target, Target replaced) {
    List<String> install = new ArrayList<>();
    if (bundle(target).isEmpty()) {
      install.add(target.location());
    }
    List<String> uninstall = new ArrayList<>();
    Set<Bundle> removed = new LinkedHashSet<>();
    if (replaced != null) {
      bundle(replaced).ifPresent(
          b -> {
            uninstall.add(b.getLocation());
            removed.add(b);
          });
    }
    List<String> refresh = new ArrayList<>();
    List<String> platform = new ArrayList<>();
    for (Bundle b : closure(removed)) {
      refresh.add(b.getSymbolicName() + " " + b.getVersion() + " (" + b.getLocation() + ")");
      if (!removed.contains(b) && !b.getLocation().startsWith(LOCATION)) {
        platform.add(b.getSymbolicName() + " " + b.getVersion());
      }
    }
    return new Plan(install, uninstall, refresh, platform, platform.isEmpty());
  }

  /**
   * Makes sure the version's bundle is installed, resolved, started and healthy; installs it from
   * the stored artifact after checking its SHA-256. A failure leaves nothing behind.
   */
  public Bundle ensure(Target target) throws StartFailure {
    // the path of every plugin call: no lock when the bundle is up
    Bundle up = context.getBundle(target.location());
    if (up != null && up.getState() == Bundle.ACTIVE) {
      return up;
    }
    synchronized (lock(target.location())) {
      return ensureLocked(target);
    }
  }

  private Bundle ensureLocked(Target target) throws StartFailure {
    Bundle existing = context.getBundle(target.location());
    if (existing != null && existing.getState() == Bundle.ACTIVE) {
      return existing;
    }
    Bundle b = existing;
    boolean installedHere = false;
    if (b == null) {
      byte[] bytes = artifacts.load(target.sha256());
      String actual = Publishers.sha256(bytes);
      if (!actual.equals(target.sha256())) {
        throw new StartFailure(
            "artifact.integrity", "The stored artifact's SHA-256 is " + actual + ", expected " + target.sha256());
      }
      b = install(target.location(), bytes);
      installedHere = true;
    }
    try {
      bringUp(b);
      return b;
    } catch (StartFailure e) {
      if (installedHere) {
        remove(b);
      }
      throw e;
    }
  }

  /** Uninstalls the version's bundle, refreshing it alone. Refuses if that would touch a platform bundle. */
  public void remove(Target target) {
    synchronized (lock(target.location())) {
      bundle(target).ifPresent(this::remove);
    }
  }

  /**
   * Installs bytes as a trial bundle, starts it and runs its health checks, then removes it;
   * returns the failure, or empty when it came up healthy.
   */
  public Optional<StartFailure> trial(String sha256, byte[] bytes) {
    synchronized (lock(TRIAL + sha256)) {
      return trialLocked(sha256, bytes);
    }
  }

  private Optional<StartFailure> trialLocked(String sha256, byte[] bytes) {
    String location = TRIAL + sha256;
    Bundle stale = context.getBundle(location);
    if (stale != null) {
      remove(stale);
    }
    Bundle b;
    try {
      b = install(location, bytes);
    } catch (StartFailure e) {
      return Optional.of(e);
    }
    try {
      bringUp(b);
      return Optional.empty();
    } catch (StartFailure e) {
      return Optional.of(e);
    } finally {
      remove(b);
    }
  }

  private Object lock(String location) {
    return locks.computeIfAbsent(location, l -> new Object());
  }

  /** Uninstalls a plugin bundle (reconciliation: no tenant uses it). */
  public void removeBundle(Bundle b) {
    if (b.getLocation().startsWith(LOCATION)) {
      synchronized (lock(b.getLocation())) {
        remove(b);
      }
    }
  }

  /** Uninstalls trial leftovers (a crash during a trial). */
  public void removeTrials() {
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(TRIAL) && !b.getLocation().contains(LIBRARY)
          && b.getState() != Bundle.UNINSTALLED) {
        remove(b);
      }
    }
  }

  /**
   * Installs a bundle jar at {@code location}; for a KAR, its libraries first (at {@code
   * location!<symbolic name>}), then its plugin bundle at {@code location}. Returns the plugin
   * bundle; on failure nothing stays installed.
   */
  private Bundle install(String location, byte[] bytes) throws StartFailure {
    List<Bundle> installed = new ArrayList<>();
    try {
      if (!Kar.isKar(bytes)) {
        return context.installBundle(location, new ByteArrayInputStream(bytes));
      }
      List<Kar.Part> parts = Kar.bundles(bytes);
      Kar.Part plugin = Kar.plugin(parts);
      for (Kar.Part part : parts) {
        if (part != plugin) {
          installed.add(
              context.installBundle(location + LIBRARY + part.symbolicName(), new ByteArrayInputStream(part.bytes())));
        }
      }
      return context.installBundle(location, new ByteArrayInputStream(plugin.bytes()));
    } catch (BundleException | java.io.IOException | RuntimeException e) {
      for (Bundle b : installed) {
        try {
          b.uninstall();
        } catch (BundleException | IllegalStateException ignored) {
          // best effort: it was never started
        }
      }
      throw new StartFailure("runtime.install", "The bundle could not be installed: " + e.getMessage());
    }
  }

  /** The libraries installed with a plugin bundle (from its KAR). */
  private List<Bundle> libraries(Bundle plugin) {
    List<Bundle> out = new ArrayList<>();
    String prefix = plugin.getLocation() + LIBRARY;
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(prefix)) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Resolves the bundles, trying again a few times: the framework answers false when another
   * resolve (a concurrent install, a feature) is running at the same moment, and a later attempt
   * succeeds; a bundle that really cannot resolve fails every attempt.
   */
  private static boolean resolve(FrameworkWiring wiring, List<Bundle> unit) {
    for (int attempt = 0; attempt < 5; attempt++) {
      if (wiring.resolveBundles(unit)) {
        return true;
      }
      sleep(100L * (attempt + 1));
    }
    return false;
  }

  private void bringUp(Bundle b) throws StartFailure {
    FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    List<Bundle> unit = new ArrayList<>(libraries(b));
    unit.add(b);
    if (!resolve(wiring, unit)) {
      String why;
      try {
        why = CompletableFuture.supplyAsync(() -> unresolved(unit), lifecycle).get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        why = "see the framework log";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        why = "interrupted";
      }
      throw new StartFailure("runtime.resolve", "The bundle does not resolve: " + why);
    }
    // start on another thread: a plugin whose activator never returns must not hang the caller
    CompletableFuture<Void> started =
        CompletableFuture.runAsync(
            () -> {
              try {
                // transient: after a restart the framework leaves plugins stopped until the
                // marketplace (its isolation hooks, then reconciliation) brings them up
                for (Bundle part : unit) {
                  part.start(Bundle.START_TRANSIENT);
                }
              } catch (BundleException e) {
                throw new IllegalStateException(e.getMessage(), e);
              }
            },
            lifecycle);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    try {
      started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StartFailure(
          "runtime.start-timeout", "The bundle did not finish starting within " + startTimeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof IllegalStateException ise && ise.getCause() != null
          ? ise.getCause() : e.getCause();
      throw new StartFailure("runtime.start", "The bundle failed to start: " + describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartFailure("runtime.start", "Interrupted while starting");
    }
    checkHealth(b, deadline);
  }

  /** Waits for the bundle's services, then requires each of its health checks to report up. */
  private void checkHealth(Bundle b, long deadline) throws StartFailure {
    List<ServiceReference<?>> extensions;
    while (true) {
      extensions = PluginHostImpl.extensionServices(b);
      if (!extensions.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      sleep(20);
    }
    if (b.getState() != Bundle.ACTIVE) {
      throw new StartFailure("runtime.start", "The bundle stopped right after starting");
    }
    if (extensions.isEmpty()) {
      throw new StartFailure(
          "runtime.no-extension",
          "The bundle registered no service of any extension point (LeadSink, ConversationSkill, WebResource, …)"
              + " within " + startTimeout.toSeconds() + " s");
    }
    ServiceReference<?>[] registered = b.getRegisteredServices();
    if (registered == null) {
      return;
    }
    for (ServiceReference<?> ref : registered) {
      if (!isHealthCheck(ref)) {
        continue;
      }
      // getService, name() and check() all run plugin code: on the lifecycle pool, within the deadline
      CompletableFuture<String> verdict =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Object service = context.getService(ref);
                  if (!(service instanceof HealthCheck check)) {
                    return null;
                  }
                  HealthCheck.Result result = check.check();
                  return result != null && result.up()
                      ? null
                      : "Health check '" + check.name() + "' is down: "
                          + (result == null ? "no result" : result.detail());
                } finally {
                  context.ungetService(ref);
                }
              },
              lifecycle);
      try {
        long left = Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
        String down = verdict.get(left, TimeUnit.MILLISECONDS);
        if (down != null) {
          throw new StartFailure("runtime.health", down);
        }
      } catch (TimeoutException e) {
        throw new StartFailure("runtime.health", "A health check did not answer in time");
      } catch (ExecutionException e) {
        throw new StartFailure("runtime.health", "A health check threw " + describe(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailure("runtime.health", "Interrupted");
      }
    }
  }

  private static boolean isHealthCheck(ServiceReference<?> ref) {
    Object classes = ref.getProperty("objectClass");
    if (classes instanceof String[] names) {
      for (String n : names) {
        if (HealthCheck.class.getName().equals(n)) {
          return true;
        }
      }
    }
    return false;
  }

  private void remove(Bundle b) {
    List<Bundle> unit = new ArrayList<>(libraries(b));
    unit.add(0, b);
    Collection<Bundle> closure = closure(new LinkedHashSet<>(unit));
    for (Bundle other : closure) {
      if (!unit.contains(other) && !other.getLocation().startsWith(LOCATION) && !other.getLocation().startsWith(TRIAL)) {
        LOG.error("Not removing {}: refreshing it would also refresh {}", b.getLocation(), other.getSymbolicName());
        return;
      }
    }
    // stop on another thread, like start: a plugin's deactivation may hang
    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> {
              for (Bundle part : unit) {
                try {
                  part.uninstall();
                } catch (BundleException | IllegalStateException e) {
                  LOG.warn("Uninstalling {} failed: {}", part.getLocation(), e.getMessage());
                }
              }
            },
            lifecycle);
    try {
      stopped.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.error("Uninstalling {} did not finish within {}; left to finish in the background", b.getLocation(),
          startTimeout);
      return;
    } catch (ExecutionException e) {
      LOG.warn("Uninstalling {} failed", b.getLocation(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    refresh(unit);
  }

  /** Refreshes just these (uninstalled) bundles so their class loaders are released; waits for it. */
  private void refresh(List<Bundle> unit) {
    Bundle b = unit.get(0);
    FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    CompletableFuture<Void> done = new CompletableFuture<>();
    wiring.refreshBundles(
        unit,
        event -> {
          if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
            done.complete(null);
          }
        });
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Refreshing {} did not complete", b.getLocation());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Collection<Bundle> closure(Set<Bundle> bundles) {
    if (bundles.isEmpty()) {
      return List.of();
    }
    return context.getBundle(0).adapt(FrameworkWiring.class).getDependencyClosure(bundles);
  }

  private static String unresolved(List<Bundle> unit) {
    for (Bundle b : unit) {
      if (b.getState() == Bundle.INSTALLED) {
        try {
          b.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
          return e.getMessage();
        }
      }
    }
    return "unknown";
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
