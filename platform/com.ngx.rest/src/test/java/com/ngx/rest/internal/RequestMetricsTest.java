package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.internal.routing.UriRoutingContext;
import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMetricsTest {

  private static final String COUNT = "ngx_http_server_requests_seconds_count";
  private static final String[] LABELS = {"method", "route", "status"};

  private final CollectorRegistry registry = new CollectorRegistry();
  private final Histogram histogram = RequestMetrics.register(registry);
  private final RequestMetrics metrics = new RequestMetrics(registry, histogram);

  private Double count(String method, String route, String status) {
    return registry.getSampleValue(COUNT, LABELS, new String[] {method, route, status});
  }

  @Test
  void aRequestIsCountedByMethodRouteAndStatus() {
    ContainerRequest request = Requests.request("POST", "things");
    metrics.filter(request);
    metrics.filter(request, new ContainerResponse(request, Response.status(201).build()));
    metrics.filter(request, new ContainerResponse(request, Response.status(201).build()));

    // an unmatched request is not labelled with its raw path
    assertEquals(2.0, count("POST", "unmatched", "201"));
    assertNull(count("POST", "/things", "201"));
  }

  @Test
  void aResponseWithoutAStartIsNotCounted() {
    ContainerRequest request = Requests.request("GET", "things");
    metrics.filter(request, new ContainerResponse(request, Response.ok().build()));

    assertNull(count("GET", "unmatched", "200"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a resource and a sub-resource method: the templates, never the tenant id
        "tenants     | {id}       | /tenants/{id}",
        // leading and trailing slashes are normalised
        "/tenants/   | /{id}/keys | /tenants/{id}/keys",
        // a resource method without a path of its own
        "settings    |            | /settings",
        // the application root
        "/           |            | /",
      })
  void routeIsBuiltFromTheMatchedTemplates(String resource, String method, String route) {
    ContainerRequest request = Requests.request("GET", "x");
    UriRoutingContext routing = (UriRoutingContext) request.getUriInfo();
    // what Jersey's router records while matching: one match per template, then the templates
    routing.pushMatchResult(anyMatch());
    if (method != null) {
      routing.pushMatchResult(anyMatch());
    }
    routing.pushTemplates(new UriTemplate(resource), method == null ? null : new UriTemplate(method));

    assertEquals(route, RequestMetrics.route(request));
  }

  private static MatchResult anyMatch() {
    Matcher m = Pattern.compile("(a)(b)(c)").matcher("abc");
    m.matches();
    return m.toMatchResult();
  }

  @Test
  void theHistogramCannotBeRegisteredTwice() {
    assertThrows(IllegalArgumentException.class, () -> RequestMetrics.register(registry));
  }
}
