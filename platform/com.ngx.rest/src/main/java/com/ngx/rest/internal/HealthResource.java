package com.ngx.rest.internal;

import com.ngx.api.health.HealthCheck;
import com.ngx.rest.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Liveness and readiness probes for load balancers and orchestrators. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@Access(anonymous = true)
@Tag(name = "operations")
public final class HealthResource {

  /** A probe's answer. */
  public record HealthDTO(String status, Map<String, HealthCheck.Result> checks) {}

  private final Health health;
  private final BooleanSupplier apiSettled;

  HealthResource(Health health, BooleanSupplier apiSettled) {
    this.health = health;
    this.apiSettled = apiSettled;
  }

  @GET
  @Path("live")
  @Operation(summary = "Liveness: the process serves HTTP")
  public HealthDTO live() {
    return new HealthDTO("UP", Map.of());
  }

  @GET
  @Path("ready")
  @Operation(summary = "Readiness: the database answers and every required part is up (503 if not)")
  public Response ready() {
    Health.Report report = health.run();
    Map<String, HealthCheck.Result> checks = new LinkedHashMap<>(report.checks());
    boolean settled = apiSettled.getAsBoolean();
    checks.put(
        "api",
        settled
            ? HealthCheck.Result.up("all resources served")
            : HealthCheck.Result.down("resources are being (re)loaded"));
    boolean up = report.up() && settled;
    return Response.status(up ? 200 : 503).entity(new HealthDTO(up ? "UP" : "DOWN", checks)).build();
  }
}
