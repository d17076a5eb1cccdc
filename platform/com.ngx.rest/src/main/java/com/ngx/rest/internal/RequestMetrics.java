package com.ngx.rest.internal;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import java.util.List;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Counts and times every request by method, route template (never the raw path, so tenant ids do
 * not explode the label space) and status.
 */
@PreMatching
@Priority(1)
final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = "ngx.started";

  private final Histogram requests;

  RequestMetrics(CollectorRegistry registry, Histogram requests) {
    this.requests = requests;
  }

  static Histogram register(CollectorRegistry registry) {
    return Histogram.build()
        .name("ngx_http_server_requests_seconds")
        .help("API requests by method, route and status")
        .labelNames("method", "route", "status")
        .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STARTED) instanceof Long started) {
      double seconds = (System.nanoTime() - started) / 1e9;
      requests
          .labels(method(request.getMethod()), route(request), Integer.toString(response.getStatus()))
          .observe(seconds);
    }
  }

  private static final java.util.Set<String> METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** The method as a label; any other token a client sends counts as "other". */
  static String method(String method) {
    return METHODS.contains(method) ? method : "other";
  }

  static String route(ContainerRequestContext request) {
    if (request.getUriInfo() instanceof ExtendedUriInfo info) {
      List<org.glassfish.jersey.uri.UriTemplate> templates = info.getMatchedTemplates();
      if (templates != null && !templates.isEmpty()) {
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
          String t = templates.get(i).getTemplate();
          if (t.isEmpty() || "/".equals(t)) {
            continue;
          }
          if (!t.startsWith("/")) {
            route.append('/');
          }
          route.append(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
        }
        return route.length() == 0 ? "/" : route.toString();
      }
    }
    return "unmatched";
  }
}
