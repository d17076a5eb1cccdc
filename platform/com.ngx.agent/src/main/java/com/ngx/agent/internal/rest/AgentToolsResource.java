package com.ngx.agent.internal.rest;

import com.ngx.agent.internal.service.ExperimentResults;
import com.ngx.agent.internal.service.Simulator;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.PathIds;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The builder's tools: simulator, golden conversations, A/B test results and promotion. */
@Component(service = AgentToolsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agents")
@SecurityRequirement(name = "bearer")
public final class AgentToolsResource {

  /**
   * A scripted conversation.
   *
   * @param version "draft" (default), "live", or a version number
   */
  public record SimulateDTO(String version, String language, List<String> messages, String seed) {}

  /** A golden conversation to save; without expected, the draft's current behaviour is recorded. */
  public record GoldenDTO(String name, String language, List<String> messages, List<Simulator.Expectation> expected) {}

  /** The variant to promote. */
  public record PromoteDTO(String variant) {}

  private final Simulator simulator;
  private final ExperimentResults experiments;

  @Activate
  public AgentToolsResource(@Reference Simulator simulator, @Reference ExperimentResults experiments) {
    this.simulator = simulator;
    this.experiments = experiments;
  }

  @POST
  @Path("{id}/simulate")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Run a scripted conversation against the draft or a version and get the full trace (nothing is stored)")
  public Simulator.Simulation simulate(@Context SecurityContext security, @PathParam("id") String id, SimulateDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with messages is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    return simulator.run(p.tenant(), p.schema(), AgentResource.agentId(id), version(body.version()), body.language(),
        body.messages(), body.seed());
  }

  @GET
  @Path("{id}/goldens")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Golden conversations of the agent")
  public List<Simulator.Golden> goldens(@Context SecurityContext security, @PathParam("id") String id) {
    return simulator.list(TenantPrincipal.of(security).schema(), AgentResource.agentId(id));
  }

  @POST
  @Path("{id}/goldens")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Save a golden conversation (re-run before every publish)")
  public Response saveGolden(@Context SecurityContext security, @PathParam("id") String id, GoldenDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with name and messages is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    Simulator.Golden g = simulator.save(p.tenant(), p.schema(), AgentResource.agentId(id), body.name(), body.language(),
        body.messages(), body.expected());
    return Response.created(URI.create("agents/" + id + "/goldens/" + g.id())).entity(g).build();
  }

  @DELETE
  @Path("{id}/goldens/{golden}")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Delete a golden conversation")
  public Response deleteGolden(@Context SecurityContext security, @PathParam("id") String id, @PathParam("golden") String golden) {
    simulator.delete(TenantPrincipal.of(security).schema(), AgentResource.agentId(id), PathIds.uuid(golden, "golden conversation").toString());
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/goldens/run")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Re-run the golden conversations against the draft (or ?version=N / live)")
  public Map<String, Object> runGoldens(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("version") String version) {
    TenantPrincipal p = TenantPrincipal.of(security);
    return Simulator.summary(simulator.check(p.tenant(), p.schema(), AgentResource.agentId(id), version(version)));
  }

  @GET
  @Path("{id}/experiments")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "A/B tests of the agent: per variant conversations, qualified, converted, value, and significance")
  public List<ExperimentResults.Result> experiments(@Context SecurityContext security, @PathParam("id") String id) {
    return experiments.results(TenantPrincipal.of(security).schema(), AgentResource.agentId(id));
  }

  @POST
  @Path("{id}/experiments/{experiment}/promote")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "End an A/B test in favour of a variant (in the draft; publish to make it live)")
  public Map<String, Object> promote(@Context SecurityContext security, @PathParam("id") String id,
      @PathParam("experiment") String experiment, PromoteDTO body) {
    if (body == null || body.variant() == null) {
      throw ApiException.invalid("variant", "is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    return experiments.promote(p.tenant(), p.schema(), AgentResource.agentId(id), experiment, body.variant());
  }

  static Integer version(String v) {
    if (v == null || v.equals("draft")) {
      return 0;
    }
    if (v.equals("live")) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("version", "must be draft, live or a version number");
    }
  }
}
