package com.ngx.agent.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.model.RoiModel;
import com.ngx.agent.internal.nlu.ExampleIndex;
import com.ngx.agent.internal.nlu.Understanding;
import com.ngx.agent.internal.service.Agents;
import com.ngx.agent.internal.service.Compiled;
import com.ngx.agent.internal.service.Simulator;
import com.ngx.nlu.TextEmbedder;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.MaxBodySize;
import com.ngx.rest.Page;
import com.ngx.rest.PathIds;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

/** The calling tenant's agents: definitions, intents, the classifier test tool, versions. */
@Component(service = AgentResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agents", description = "Sales agents of the calling tenant (tenant key)")
@SecurityRequirement(name = "bearer")
public final class AgentResource {
  /** Intent definitions are large: 500 intents × 100 examples fit. */
  static final long MAX_INTENTS_BODY = 16L * 1024 * 1024;

  /** A new agent. */
  public record CreateDTO(String name, String language, String templateId, JsonNode personality) {}

  /** Changes to an agent. */
  public record UpdateDTO(String name, String language, JsonNode personality) {}

  /** A text to classify. */
  public record TextDTO(String text) {}

  /** A publish request. */
  public record PublishDTO(String note) {}

  /** A version to roll back to. */
  public record RollbackDTO(Integer version) {}

  /** ROI inputs. */
  public record RoiDTO(Map<String, BigDecimal> inputs) {}

  private final Agents agents;
  private final Simulator simulator;
  private final TextEmbedder embedder;

  @Activate
  public AgentResource(@Reference Agents agents, @Reference Simulator simulator, @Reference TextEmbedder embedder) {
    this.agents = agents;
    this.simulator = simulator;
    this.embedder = embedder;
  }

  @POST
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Create an agent, blank or from an installed vertical template (GET /templates)")
  public Response create(@Context SecurityContext security, CreateDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with name and language is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    Agents.AgentView a = agents.create(p.tenant(), p.schema(), body.name(), body.language(), body.templateId(), body.personality());
    return Response.created(URI.create("agents/" + a.id())).entity(a).build();
  }

  @GET
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The tenant's agents, newest first")
  public Page<Agents.AgentView> list(@Context SecurityContext security,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return agents.list(TenantPrincipal.of(security).schema(), offset, limit);
  }

  @GET
  @Path("{id}")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "One agent")
  public Agents.AgentView get(@Context SecurityContext security, @PathParam("id") String id) {
    return agents.get(TenantPrincipal.of(security).schema(), agentId(id));
  }

  @PATCH
  @Path("{id}")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Rename an agent, change its default language or personality (in the draft)")
  public Agents.AgentView update(@Context SecurityContext security, @PathParam("id") String id, UpdateDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    return agents.update(TenantPrincipal.of(security).schema(), agentId(id), body.name(), body.personality(), body.language());
  }

  @DELETE
  @Path("{id}")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Delete an agent with its versions, knowledge and conversations")
  public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
    TenantPrincipal p = TenantPrincipal.of(security);
    agents.delete(p.tenant(), p.schema(), agentId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/definition")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The draft definition: flow, responses, intents, slots, objections, compliance (docs/agent-definition.md)")
  public JsonNode definition(@Context SecurityContext security, @PathParam("id") String id) {
    return agents.draft(TenantPrincipal.of(security).schema(), agentId(id));
  }

  @PUT
  @Path("{id}/definition")
  @MaxBodySize(MAX_INTENTS_BODY)
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Replace the draft definition; validated completely, errors name the node and field")
  public Agents.AgentView putDefinition(@Context SecurityContext security, @PathParam("id") String id, JsonNode body) {
    TenantPrincipal p = TenantPrincipal.of(security);
    return agents.putDraft(p.tenant(), p.schema(), agentId(id), body);
  }

  @GET
  @Path("{id}/intents")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The draft's custom intents")
  public JsonNode intents(@Context SecurityContext security, @PathParam("id") String id) {
    return agents.intents(TenantPrincipal.of(security).schema(), agentId(id));
  }

  @PUT
  @Path("{id}/intents")
  @MaxBodySize(MAX_INTENTS_BODY)
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Replace the draft's custom intents: [{name, examples: [...]}], up to 1000 intents × 100 examples")
  public Map<String, Object> putIntents(@Context SecurityContext security, @PathParam("id") String id, JsonNode body) {
    TenantPrincipal p = TenantPrincipal.of(security);
    return agents.putIntents(p.tenant(), p.schema(), agentId(id), body);
  }

  @POST
  @Path("{id}/classify")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Classify a text against the draft's intents and objections (the builder's test tool)")
  public Map<String, Object> classify(@Context SecurityContext security, @PathParam("id") String id, TextDTO body) {
    if (body == null || body.text() == null || body.text().isBlank()) {
      throw ApiException.invalid("text", "is required");
    }
    if (body.text().length() > 2000) {
      throw ApiException.invalid("text", "must be at most 2000 characters");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    Compiled c = agents.compiled(p.tenant(), p.schema(), agentId(id), 0);
    Understanding.Analysis a = c.understanding().analyze(body.text(), embedder.embed(body.text()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("matches", a.intents().stream().map(AgentResource::match).toList());
    out.put("intent", a.intent() == null ? null : a.intent().label());
    out.put("outOfScope", a.intent() == null);
    out.put("objection", a.objection() == null ? null : Map.of("id", a.objection().label(), "score", round(a.objection().score())));
    out.put("refusal", a.refusal() == null ? null : a.refusal().label());
    out.put("threshold", c.definition().settings().intentThreshold());
    return out;
  }

  @POST
  @Path("{id}/publish")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Publish the draft as a new version after its golden conversations pass (force=true skips them)")
  public Response publish(@Context SecurityContext security, @PathParam("id") String id,
      @QueryParam("force") @DefaultValue("false") boolean force, PublishDTO body) {
    TenantPrincipal p = TenantPrincipal.of(security);
    String agent = agentId(id);
    List<Simulator.GoldenResult> goldens = simulator.check(p.tenant(), p.schema(), agent, 0);
    List<Simulator.GoldenResult> failed = goldens.stream().filter(g -> !g.passed()).toList();
    if (!failed.isEmpty() && !force) {
      throw new ApiException(409, "Golden conversations failed",
          failed.size() + " golden conversation(s) no longer pass: " + failed.get(0).name() + ": "
              + String.join("; ", failed.get(0).differences()) + ". Fix the draft, update the goldens, or publish with force=true",
          List.of());
    }
    Agents.VersionView v = agents.publish(p.tenant(), p.schema(), agent, body == null ? null : body.note());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", v.version());
    out.put("note", v.note());
    out.put("createdAt", v.createdAt());
    out.put("live", true);
    out.put("goldens", Map.of("passed", goldens.size() - failed.size(), "failed", failed.size()));
    return Response.status(201).entity(out).build();
  }

  @GET
  @Path("{id}/versions")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Published versions, newest first; live marks the one serving prospects")
  public List<Agents.VersionView> versions(@Context SecurityContext security, @PathParam("id") String id) {
    return agents.versions(TenantPrincipal.of(security).schema(), agentId(id));
  }

  @GET
  @Path("{id}/versions/{version}")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The definition of one published version")
  public JsonNode version(@Context SecurityContext security, @PathParam("id") String id, @PathParam("version") int version) {
    return agents.version(TenantPrincipal.of(security).schema(), agentId(id), version);
  }

  @POST
  @Path("{id}/rollback")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Make an earlier version the live one again")
  public Agents.VersionView rollback(@Context SecurityContext security, @PathParam("id") String id, RollbackDTO body) {
    if (body == null || body.version() == null) {
      throw ApiException.invalid("version", "is required");
    }
    return agents.rollback(TenantPrincipal.of(security).schema(), agentId(id), body.version());
  }

  @POST
  @Path("{id}/roi")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Compute the agent's ROI model for the given inputs (defaults for the rest)")
  public Map<String, Object> roi(@Context SecurityContext security, @PathParam("id") String id, RoiDTO body) {
    JsonNode roi = agents.draft(TenantPrincipal.of(security).schema(), agentId(id)).path("roi");
    if (!roi.isObject()) {
      throw ApiException.notFound("This agent has no ROI model");
    }
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("outputs", RoiModel.compute(roi, body == null || body.inputs() == null ? Map.of() : body.inputs()));
      out.put("model", roi);
      return out;
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      int colon = msg.indexOf(": ");
      throw ApiException.invalid(colon > 0 ? msg.substring(0, colon) : "inputs", colon > 0 ? msg.substring(colon + 2) : msg);
    }
  }

  private static Map<String, Object> match(ExampleIndex.Match m) {
    return Map.of("intent", m.label(), "score", round(m.score()), "example", m.example());
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  static String agentId(String id) {
    return PathIds.uuid(id, "agent").toString();
  }
}
