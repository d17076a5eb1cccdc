package com.ngx.rest.internal;

import com.ngx.rest.Access;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/** Prometheus metrics of this node: API requests by route and status, JVM. Operator key needed. */
@Path("metrics")
@Tag(name = "operations")
@SecurityRequirement(name = OpenApiDocument.BEARER)
public final class MetricsResource {

  private final CollectorRegistry registry;

  MetricsResource(CollectorRegistry registry) {
    this.registry = registry;
  }

  @GET
  @Produces(TextFormat.CONTENT_TYPE_004)
  @Access(operator = true)
  @Operation(summary = "Prometheus text exposition of this node's metrics")
  public String scrape() throws IOException {
    StringWriter out = new StringWriter();
    TextFormat.write004(out, registry.metricFamilySamples());
    return out.toString();
  }
}
