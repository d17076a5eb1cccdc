package com.ngx.marketplace.internal;

import com.ngx.api.channel.Channel;
import com.ngx.api.event.DomainEvent;
import com.ngx.api.event.EventListener;
import com.ngx.api.lead.LeadSink;
import com.ngx.api.llm.LanguageModel;
import com.ngx.api.payment.PaymentProvider;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.plugin.PluginData;
import com.ngx.api.plugin.PluginHeaders;
import com.ngx.api.plugin.PluginUsage;
import com.ngx.api.skill.ConversationSkill;
import com.ngx.api.tenant.TenantContext;
import com.ngx.api.vertical.VerticalTemplate;
import com.ngx.api.web.WebResource;
import com.ngx.billing.Metering;
import com.ngx.marketplace.DomainEvents;
import com.ngx.marketplace.PluginHost;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes calls to plugins for tenants: finds the installation the tenant has enabled, the bundle
 * of its version and that bundle's extension services, and runs the call on the plugin's own
 * bounded thread pool with a timeout. Failures are counted against the plugin for that tenant,
 * which is disabled after too many in a row; nothing a plugin does reaches other plugins, other
 * tenants or the platform's own threads.
 */
@Component(
    service = {PluginHost.class, DomainEvents.class, PluginHostImpl.class},
    configurationPid = "com.ngx.marketplace")
public final class PluginHostImpl implements PluginHost, DomainEvents {

  /** The extension points a plugin may offer. */
  static final List<Class<?>> EXTENSION_POINTS =
      List.of(
          LeadSink.class,
          ConversationSkill.class,
          Channel.class,
          PaymentProvider.class,
          LanguageModel.class,
          VerticalTemplate.class,
          WebResource.class,
          EventListener.class);

  private static final Logger LOG = LoggerFactory.getLogger(PluginHostImpl.class);

  private final BundleContext context;
  private final Store store;
  private final PluginRuntime runtime;
  private final AddonUsage usage;
  private final TenantService tenants;
  private final MetaTypeService metatype;
  private final long timeoutMillis;
  private final int failureThreshold;
  private final int concurrency;
  private final ServiceTracker<Object, Object> extensions;
  private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, Counters> counters = new ConcurrentHashMap<>();
  /** Settings schemas by plugin bundle id; dropped when the bundle's services go. */
  private final Map<Long, SettingsSchema> schemas = new ConcurrentHashMap<>();
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-plugin-events");
            t.setDaemon(true);
            return t;
          });

  /** A tenant's installations, cached briefly (other nodes' changes show within the TTL). */
  private record Snapshot(List<Active> installations, long loadedAt) {}

  /** Calls and failures of one plugin on this node since start. */
  public static final class Counters {
    public final AtomicLong calls = new AtomicLong();
    public final AtomicLong failures = new AtomicLong();
    public final AtomicLong timeouts = new AtomicLong();
  }

  private static final long SNAPSHOT_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

  @Activate
  public PluginHostImpl(
      BundleContext context,
      @Reference Store store,
      @Reference PluginRuntime runtime,
      @Reference Ledger ledger,
      @Reference Metering metering,
      @Reference TenantService tenants,
      @Reference MetaTypeService metatype,
      MarketplaceConfiguration config) {
    this.context = context;
    this.store = store;
    this.runtime = runtime;
    this.usage = new AddonUsage(store, ledger, metering);
    this.tenants = tenants;
    this.metatype = metatype;
    this.timeoutMillis = config.callTimeoutMillis();
    this.failureThreshold = config.failureThreshold();
    this.concurrency = Math.max(1, config.pluginConcurrency());
    this.extensions = new ServiceTracker<>(context, extensionFilter(), null) {
      @Override
      public void removedService(ServiceReference<Object> reference, Object service) {
        super.removedService(reference, service);
        Bundle gone = reference.getBundle();
        if (gone != null) {
          schemas.remove(gone.getBundleId());
        }
        retirePoolIfUnused(pluginIdOf(gone));
      }
    };
    extensions.open(true);
  }

  @Deactivate
  void deactivate() {
    extensions.close();
    events.shutdownNow();
    pools.values().forEach(ExecutorService::shutdownNow);
  }

  // ---- PluginHost ----

  @Override
  public <T, R> List<PluginOutcome<R>> callAll(
      TenantContext tenant, Class<T> extensionPoint, BiFunction<T, PluginContext, R> call) {
    List<PluginOutcome<R>> out = new ArrayList<>();
    for (Active a : installations(tenant.id().toString())) {
      if (a.enabled() && !services(a, extensionPoint).isEmpty()) {
        out.add(invoke(a, extensionPoint, call));
      }
    }
    return out;
  }

  @Override
  public <T, R> PluginOutcome<R> call(
      TenantContext tenant, String pluginId, Class<T> extensionPoint, BiFunction<T, PluginContext, R> call) {
    Optional<Active> a = enabled(tenant.id().toString(), pluginId);
    if (a.isEmpty()) {
      return new PluginOutcome<>(pluginId, null, false, null, "The plugin is not installed and enabled");
    }
    return invoke(a.get(), extensionPoint, call);
  }

  /** The tenant's enabled installation of a plugin. */
  public Optional<Active> enabled(String tenantId, String pluginId) {
    return installations(tenantId).stream()
        .filter(i -> i.pluginId().equals(pluginId) && i.enabled())
        .findFirst();
  }

  /** The enabled installation behind a webhook URL. */
  public Optional<Active> byInstallation(java.util.UUID installationId, String pluginId) {
    String tenantId =
        store.shared(
            em -> em.createQuery(
                    "select i.tenantId from InstallationEntity i where i.id = :id and i.status = 'active'",
                    String.class)
                .setParameter("id", installationId.toString())
                .getResultList()
                .stream()
                .findFirst()
                .orElse(null));
    return tenantId == null ? Optional.empty() : enabled(tenantId, pluginId)
        .filter(a -> a.installationId().equals(installationId.toString()));
  }

  /** Calls an installation's web resource (webhooks). */
  public PluginOutcome<com.ngx.api.web.WebResponse> invokeWeb(Active a, com.ngx.api.web.WebRequest request) {
    return invoke(a, WebResource.class, (resource, ctx) -> resource.handle(ctx, request));
  }

  /** The tenant's installations (any state but uninstalled). */
  List<Active> installations(String tenantId) {
    Snapshot s = snapshots.get(tenantId);
    if (s == null || System.nanoTime() - s.loadedAt() > SNAPSHOT_TTL_NANOS) {
      Optional<Tenant> t = tenants.get(UUID.fromString(tenantId));
      List<Active> loaded =
          t.isEmpty() ? List.of() : store.shared(em -> Installations.active(em, t.get().id().toString(),
              t.get().schema(), t.get().slug()));
      s = new Snapshot(loaded, System.nanoTime());
      snapshots.put(tenantId, s);
    }
    return s.installations();
  }

  /** Forgets what is cached about a tenant's installations (after a change). */
  void invalidate(String tenantId) {
    snapshots.remove(tenantId);
  }

  /** Runs one contained call of the installation's services of a type, in order, until one succeeds. */
  <T, R> PluginOutcome<R> invoke(Active a, Class<T> type, BiFunction<T, PluginContext, R> call) {
    Counters c = counters.computeIfAbsent(a.pluginId(), k -> new Counters());
    c.calls.incrementAndGet();
    Bundle bundle;
    try {
      bundle = runtime.ensure(a.target());
    } catch (PluginRuntime.StartFailure e) {
      return failed(a, c, "The plugin is not running: " + e.getMessage());
    }
    List<T> candidates = services(bundle, type);
    if (candidates.isEmpty()) {
      return new PluginOutcome<>(a.pluginId(), a.version(), false, null,
          "The plugin offers no " + type.getSimpleName());
    }
    ThreadPoolExecutor pool = pool(a.pluginId());
    ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
    Ctx ctx = new Ctx(a, settingsFor(a, bundle));
    T service = candidates.get(0);
    Future<R> future;
    try {
      future =
          pool.submit(
              () -> {
                Thread t = Thread.currentThread();
                t.setContextClassLoader(loader);
                try {
                  return call.apply(service, ctx);
                } finally {
                  t.setContextClassLoader(null);
                }
              });
    } catch (RejectedExecutionException e) {
      // the plugin is busy with other calls (perhaps other tenants'): not this installation's fault
      c.failures.incrementAndGet();
      return new PluginOutcome<>(a.pluginId(), a.version(), false, null,
          "The plugin is saturated: " + concurrency + " calls are still running");
    }
    try {
      R value = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
      succeeded(a);
      return new PluginOutcome<>(a.pluginId(), a.version(), true, value, null);
    } catch (TimeoutException e) {
      future.cancel(true);
      c.timeouts.incrementAndGet();
      return failed(a, c, "The call timed out after " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      return failed(a, c, PluginRuntime.describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PluginOutcome<>(a.pluginId(), a.version(), false, null, "Interrupted");
    } finally {
      ctx.close();
    }
  }

  private <R> PluginOutcome<R> failed(Active a, Counters c, String error) {
    c.failures.incrementAndGet();
    LOG.warn("Plugin {} {} failed for tenant {}: {}", a.pluginId(), a.version(), a.tenantId(), error);
    String message = error.length() > 900 ? error.substring(0, 900) : error;
    boolean disabled =
        store.shared(
            em -> {
              em.createQuery(
                      "update InstallationEntity i set i.failures = i.failures + 1, i.lastFailure = :m,"
                          + " i.lastFailureAt = :t where i.id = :id")
                  .setParameter("m", message)
                  .setParameter("t", store.utcNow())
                  .setParameter("id", a.installationId())
                  .executeUpdate();
              return em.createQuery(
                          "update InstallationEntity i set i.status = 'disabled', i.statusReason = :r,"
                              + " i.updatedAt = :t where i.id = :id and i.status = 'active' and i.failures >= :n")
                      .setParameter(
                          "r",
                          "Disabled automatically after " + failureThreshold + " consecutive failures; last: "
                              + (message.length() > 800 ? message.substring(0, 800) : message))
                      .setParameter("t", store.utcNow())
                      .setParameter("id", a.installationId())
                      .setParameter("n", failureThreshold)
                      .executeUpdate()
                  > 0;
            });
    if (disabled) {
      LOG.error("Plugin {} disabled for tenant {} after {} consecutive failures", a.pluginId(), a.tenantId(),
          failureThreshold);
    }
    invalidate(a.tenantId());
    return new PluginOutcome<>(a.pluginId(), a.version(), false, null, error);
  }

  private void succeeded(Active a) {
    if (a.failures() > 0) {
      store.shared(
          em -> em.createQuery("update InstallationEntity i set i.failures = 0 where i.id = :id")
              .setParameter("id", a.installationId())
              .executeUpdate());
      invalidate(a.tenantId());
    }
  }

  // ---- events ----

  @Override
  public void publish(TenantContext tenant, String type, Map<String, String> data) {
    forward(tenant.id(), new DomainEvent(UUID.randomUUID().toString(), type, Instant.now(), data));
  }

  /**
   * Delivers an event another part of the platform created (billing's) to the tenant's add-ons as
   * it is, with its id and time; asynchronously, like {@link #publish}.
   */
  void forward(UUID tenantId, DomainEvent event) {
    try {
      events.execute(() -> deliver(tenantId.toString(), event));
    } catch (RejectedExecutionException stopping) {
      // shutting down
    }
  }

  private void deliver(String tenantId, DomainEvent event) {
    for (Active a : installations(tenantId)) {
      if (!a.enabled()) {
        continue;
      }
      Optional<Bundle> b = runtime.bundle(a.target());
      if (b.isEmpty() || services(b.get(), EventListener.class).isEmpty()) {
        continue;
      }
      invoke(
          a,
          EventListener.class,
          (listener, ctx) -> {
            if (listener.types().isEmpty() || listener.types().contains(event.type())) {
              listener.onEvent(ctx, event);
            }
            return null;
          });
    }
  }

  // ---- services of plugin bundles ----

  <T> List<T> services(Active a, Class<T> type) {
    return runtime.bundle(a.target()).map(b -> services(b, type)).orElse(List.of());
  }

  <T> List<T> services(Bundle bundle, Class<T> type) {
    ServiceReference<Object>[] refs = extensions.getServiceReferences();
    if (refs == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (ServiceReference<Object> ref : refs) {
      if (ref.getBundle() == bundle && offers(ref, type)) {
        Object s = extensions.getService(ref);
        if (type.isInstance(s)) {
          out.add(type.cast(s));
        }
      }
    }
    return out;
  }

  /** The extension-point services a bundle registered (used to tell a plugin came up). */
  static List<ServiceReference<?>> extensionServices(Bundle b) {
    ServiceReference<?>[] refs = b.getRegisteredServices();
    List<ServiceReference<?>> out = new ArrayList<>();
    if (refs != null) {
      for (ServiceReference<?> ref : refs) {
        for (Class<?> type : EXTENSION_POINTS) {
          if (offers(ref, type)) {
            out.add(ref);
            break;
          }
        }
      }
    }
    return out;
  }

  private static boolean offers(ServiceReference<?> ref, Class<?> type) {
    Object classes = ref.getProperty(Constants.OBJECTCLASS);
    if (classes instanceof String[] names) {
      for (String n : names) {
        if (type.getName().equals(n)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Filter extensionFilter() {
    StringBuilder f = new StringBuilder("(|");
    for (Class<?> type : EXTENSION_POINTS) {
      f.append('(').append(Constants.OBJECTCLASS).append('=').append(type.getName()).append(')');
    }
    try {
      return FrameworkUtil.createFilter(f.append(')').toString());
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pluginIdOf(Bundle b) {
    return b == null ? null : b.getHeaders("").get(PluginHeaders.ID);
  }

  SettingsSchema schema(Active a) {
    return runtime.bundle(a.target()).map(b -> schema(b, a.pluginId())).orElse(SettingsSchema.NONE);
  }

  /** A plugin bundle's settings schema, read from its Metatype once per bundle (not on every call). */
  SettingsSchema schema(Bundle bundle, String pluginId) {
    return schemas.computeIfAbsent(bundle.getBundleId(), id -> SettingsSchema.of(metatype, bundle, pluginId));
  }

  private Map<String, Object> settingsFor(Active a, Bundle bundle) {
    return Collections.unmodifiableMap(schema(bundle, a.pluginId()).effective(a.settings()));
  }

  // ---- per-plugin thread pools ----

  private ThreadPoolExecutor pool(String pluginId) {
    return pools.computeIfAbsent(
        pluginId,
        id -> {
          AtomicInteger n = new AtomicInteger();
          ThreadPoolExecutor p =
              new ThreadPoolExecutor(
                  concurrency,
                  concurrency,
                  30,
                  TimeUnit.SECONDS,
                  new ArrayBlockingQueue<>(concurrency * 8),
                  r -> {
                    Thread t = new Thread(r, "ngx-plugin-" + id + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(null);
                    return t;
                  },
                  new ThreadPoolExecutor.AbortPolicy());
          p.allowCoreThreadTimeOut(true);
          return p;
        });
  }

  /** Ends a plugin's threads once none of its bundles offers a service any more (no class loader kept). */
  private void retirePoolIfUnused(String pluginId) {
    if (pluginId == null) {
      return;
    }
    ServiceReference<Object>[] refs = extensions.getServiceReferences();
    if (refs != null) {
      for (ServiceReference<Object> ref : refs) {
        if (pluginId.equals(pluginIdOf(ref.getBundle()))) {
          return;
        }
      }
    }
    ThreadPoolExecutor p = pools.remove(pluginId);
    if (p != null) {
      p.shutdownNow();
    }
  }

  /** Calls, failures and timeouts per plugin on this node. */
  public Map<String, Counters> counters() {
    return counters;
  }

  /** Threads currently in plugin pools (for the leak benchmark). */
  public int pluginThreads() {
    return pools.values().stream().mapToInt(ThreadPoolExecutor::getPoolSize).sum();
  }

  /** The context of one call; unusable once the call has returned. */
  private final class Ctx implements PluginContext {
    private final Active a;
    private final Map<String, Object> settings;
    private final TenantContext tenant;
    private volatile boolean closed;

    Ctx(Active a, Map<String, Object> settings) {
      this.a = a;
      this.settings = settings;
      this.tenant = new TenantContext(UUID.fromString(a.tenantId()), a.slug());
    }

    void close() {
      closed = true;
    }

    private void check() {
      if (closed) {
        throw new IllegalStateException("This plugin context belongs to a call that has ended");
      }
    }

    @Override
    public TenantContext tenant() {
      return tenant;
    }

    @Override
    public String pluginId() {
      return a.pluginId();
    }

    @Override
    public String pluginVersion() {
      return a.version();
    }

    @Override
    public Map<String, Object> settings() {
      return settings;
    }

    @Override
    public PluginData data() {
      check();
      if (a.schema() == null) {
        throw new IllegalStateException("The tenant has no schema");
      }
      PluginDataStore d = new PluginDataStore(store, a.schema(), a.pluginId());
      return new PluginData() {
        @Override
        public Optional<String> get(String key) {
          check();
          return d.get(key);
        }

        @Override
        public void put(String key, String value) {
          check();
          d.put(key, value);
        }

        @Override
        public boolean delete(String key) {
          check();
          return d.delete(key);
        }

        @Override
        public Map<String, String> list(String prefix, int limit) {
          check();
          return d.list(prefix, limit);
        }
      };
    }

    @Override
    public PluginUsage usage() {
      return (quantity, key) -> {
        check();
        usage.record(a, tenant, quantity, key);
      };
    }
  }
}
