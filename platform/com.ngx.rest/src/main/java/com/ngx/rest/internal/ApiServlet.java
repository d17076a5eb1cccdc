package com.ngx.rest.internal;

import java.util.concurrent.CopyOnWriteArrayList;

import com.ngx.rest.Authenticator;
import com.ngx.rest.RateLimit;
import com.ngx.rest.RestConstants;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front servlet of {@code /api/v1}: a Jersey container built from the JAX-RS resource
 * services that select the API application.
 *
 * <p>There is no javax, Jersey-based JAX-RS whiteboard, so this is one: when resources come or go
 * (a plugin is installed), a new container is built and initialised beside the running one, then
 * swapped in; the old one finishes its requests and is destroyed after a grace period. Requests
 * never see a missing servlet or a half-reloaded container.
 */
@Component(service = Servlet.class, configurationPid = "com.ngx.rest")
@HttpWhiteboardServletPattern(RestConstants.BASE_PATH + "/*")
@HttpWhiteboardServletName(RestConstants.APPLICATION_NAME)
// multipart/form-data uploads (knowledge documents) are parsed by the container; resources that
// accept them set their own size limit with @MaxBodySize
@HttpWhiteboardServletMultipart(enabled = true, maxFileSize = 20_971_520L, maxRequestSize = 20_971_520L, fileSizeThreshold = 1_048_576)
@Designate(ocd = RestConfiguration.class)
public final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
  private static final Map<String, Object> APPLICATION =
      Map.of("osgi.jaxrs.name", RestConstants.APPLICATION_NAME);

  private final transient BundleContext context;
  private final transient RestConfiguration configuration;
  private final transient Map<ServiceReference<Object>, Object> resources = new ConcurrentHashMap<>();
  private final transient AtomicReference<ServletContainer> current = new AtomicReference<>();
  private final transient ScheduledExecutorService rebuilder =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-api-rebuilder");
            t.setDaemon(true);
            return t;
          });
  private final transient Object rebuildLock = new Object();
  private transient ScheduledFuture<?> pendingRebuild;
  /** Bumped on every change of the resource set; the container serves one generation. */
  private transient long requestedGeneration;
  private transient volatile long servedGeneration = -1;
  /** Consecutive failed builds (only the rebuilder thread touches it). */
  private transient int failedBuilds;
  private transient volatile ServletConfig servletConfig;
  private final transient List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
  private final transient ServiceTracker<Object, Object> tracker;

  final transient Health health;
  final transient OpenApiDocument openApi = new OpenApiDocument();
  private final transient CollectorRegistry metrics;
  private final transient Histogram requestHistogram;
  private final transient RateLimiter limiter = new RateLimiter();

  @Activate
  public ApiServlet(
      BundleContext context, RestConfiguration configuration, @Reference Health health) {
    this.context = context;
    this.configuration = configuration;
    this.health = health;
    this.metrics = new CollectorRegistry(true);
    new JvmMetrics().register(metrics);
    this.requestHistogram = RequestMetrics.register(metrics);
    try {
      this.tracker =
          new ServiceTracker<>(
              context, context.createFilter("(osgi.jaxrs.resource=true)"), new ResourceTracker());
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    tracker.open(true);
  }

  @Deactivate
  void deactivate() {
    tracker.close();
    rebuilder.shutdownNow();
    ServletContainer old = current.getAndSet(null);
    if (old != null) {
      old.destroy();
    }
    metrics.clear();
  }

  /**
   * Tracks JAX-RS resource services by property alone: they are registered under their own class
   * (as the whiteboard specification allows), which a DS reference cannot name.
   */
  private final class ResourceTracker implements ServiceTrackerCustomizer<Object, Object> {
    @Override
    public Object addingService(ServiceReference<Object> reference) {
      if (!selectsApplication(reference)) {
        return null;
      }
      Object resource = context.getService(reference);
      if (resource != null) {
        resources.put(reference, resource);
        scheduleRebuild();
      }
      return resource;
    }

    @Override
    public void modifiedService(ServiceReference<Object> reference, Object service) {
      // resource properties do not change what is served
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Object service) {
      resources.remove(reference);
      context.ungetService(reference);
      scheduleRebuild();
    }
  }

  // tenants' keys come from the tenant bundle, publishers' from the marketplace: each answers for its own
  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      unbind = "unsetAuthenticator")
  void setAuthenticator(Authenticator authenticator) {
    authenticators.add(authenticator);
  }

  void unsetAuthenticator(Authenticator authenticator) {
    authenticators.remove(authenticator);
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    this.servletConfig = config;
    scheduleRebuild();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    ServletContainer container = current.get();
    if (container == null) {
      response.setStatus(503);
      response.setHeader("Retry-After", "1");
      response.setContentType(RestConstants.PROBLEM_JSON);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
                  + "\"detail\":\"The API is starting\"}");
      return;
    }
    container.service(request, response);
  }

  /** Whether the running container reflects every registered resource. */
  boolean settled() {
    synchronized (rebuildLock) {
      return current.get() != null && servedGeneration == requestedGeneration;
    }
  }

  private boolean selectsApplication(ServiceReference<Object> reference) {
    Object select = reference.getProperty("osgi.jaxrs.application.select");
    if (!(select instanceof String filter)) {
      return false;
    }
    try {
      return FrameworkUtil.createFilter(filter).matches(APPLICATION);
    } catch (InvalidSyntaxException e) {
      LOG.warn("Resource {} has an invalid application select filter '{}'", reference, filter);
      return false;
    }
  }

  private void scheduleRebuild() {
    synchronized (rebuildLock) {
      requestedGeneration++;
      if (pendingRebuild != null || rebuilder.isShutdown()) {
        return;
      }
      // coalesce the burst of registrations at start-up or during an install into one rebuild
      pendingRebuild = rebuilder.schedule(this::rebuild, 100, TimeUnit.MILLISECONDS);
    }
  }

  private void rebuild() {
    ServletConfig config = servletConfig;
    long generation;
    List<Object> snapshot;
    synchronized (rebuildLock) {
      pendingRebuild = null;
      generation = requestedGeneration;
      snapshot = new ArrayList<>(resources.values());
    }
    if (config == null) {
      return;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      ServletContainer container = new ServletContainer(application(snapshot));
      container.init(config);
      openApi.update(snapshot);
      ServletContainer old = current.getAndSet(container);
      servedGeneration = generation;
      LOG.info("API container serves {} resources", snapshot.size());
      if (old != null) {
        rebuilder.schedule(old::destroy, configuration.containerGraceSeconds(), TimeUnit.SECONDS);
      }
      failedBuilds = 0;
    } catch (ServletException | RuntimeException e) {
      // e.g. Jersey's injection manager is not started yet right after a restart: try again
      failedBuilds++;
      long delay = Math.min(5_000, 100L << Math.min(failedBuilds, 6));
      if (failedBuilds == 1 || failedBuilds % 20 == 0) {
        LOG.warn(
            "Could not build the API container (attempt {}); retrying in {} ms", failedBuilds, delay, e);
      }
      synchronized (rebuildLock) {
        if (pendingRebuild == null && !rebuilder.isShutdown()) {
          pendingRebuild = rebuilder.schedule(this::rebuild, delay, TimeUnit.MILLISECONDS);
        }
      }
    } finally {
      thread.setContextClassLoader(previousLoader);
    }
  }

  private ResourceConfig application(List<Object> snapshot) {
    ResourceConfig config = new ResourceConfig();
    config.setApplicationName(RestConstants.APPLICATION_NAME);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.BV_FEATURE_DISABLE, true);
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    config.register(JacksonFeature.withoutExceptionMappers());
    config.register(new ObjectMapperResolver());
    config.register(new ProblemMapper());
    config.register(new BodyLimit(configuration.maxBodyBytes()));
    config.register(new RequestMetrics(metrics, requestHistogram));
    config.register(
        new AccessFeature(
            () -> authenticators,
            limiter,
            new RateLimit(configuration.defaultRatePerSecond(), configuration.defaultRateBurst())));
    config.register(new AccessFeature.RateLimitHeaders());
    config.registerInstances(
        new HealthResource(health, this::settled), new OpenApiResource(openApi), new MetricsResource(metrics));
    snapshot.forEach(config::registerInstances);
    return config;
  }
}
