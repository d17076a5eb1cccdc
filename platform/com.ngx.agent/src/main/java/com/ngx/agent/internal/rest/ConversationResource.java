package com.ngx.agent.internal.rest;

import com.ngx.agent.internal.service.Conversations;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
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

/** Conversations with the tenant's agents (server to server; the widget has its own endpoints), and leads. */
@Component(service = ConversationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "conversations", description = "Conversations with the tenant's agents and the leads they qualify (tenant key)")
@SecurityRequirement(name = "bearer")
public final class ConversationResource {

  /** A conversation to start. */
  public record StartDTO(String agentId, String language, String channel) {}

  /** A prospect message. */
  public record MessageDTO(String text) {}

  /** A conversion to record. */
  public record ConversionDTO(String type, BigDecimal value, String currency, String reference) {}

  private final Conversations conversations;

  @Activate
  public ConversationResource(@Reference Conversations conversations) {
    this.conversations = conversations;
  }

  @POST
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Start a conversation with an agent's live version; answers its opening reply")
  public Response start(@Context SecurityContext security, StartDTO body) {
    if (body == null || body.agentId() == null) {
      throw ApiException.invalid("agentId", "is required");
    }
    String channel = body.channel() == null ? "api" : body.channel();
    if (!channel.matches("[a-z][a-z0-9_-]{0,19}")) {
      throw ApiException.invalid("channel", "must be 1–20 of [a-z0-9_-], e.g. api, web, whatsapp");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    Conversations.TurnView t = conversations.start(p.tenant(), p.schema(),
        PathIds.uuid(body.agentId(), "agent").toString(), body.language(), channel, false);
    return Response.created(URI.create("conversations/" + t.id())).entity(t).build();
  }

  @POST
  @Path("{id}/messages")
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Send a prospect message; the reply comes with the node path, intent, objection and sources")
  public Conversations.TurnView message(@Context SecurityContext security, @PathParam("id") String id, MessageDTO body) {
    TenantPrincipal p = TenantPrincipal.of(security);
    return conversations.message(p.tenant(), p.schema(), conversationId(id), body == null ? null : body.text(), null, false);
  }

  @GET
  @Path("{id}")
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "A conversation with its transcript, captured slots, score and outcome")
  public Conversations.ConversationView get(@Context SecurityContext security, @PathParam("id") String id) {
    return conversations.get(TenantPrincipal.of(security).schema(), conversationId(id));
  }

  @GET
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Conversations, newest first, filtered by agent, status, qualified, converted and start time")
  public Page<Conversations.ConversationSummary> list(@Context SecurityContext security,
      @QueryParam("agentId") String agentId, @QueryParam("status") String status,
      @QueryParam("qualified") Boolean qualified, @QueryParam("converted") Boolean converted,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return conversations.list(TenantPrincipal.of(security).schema(),
        agentId == null ? null : PathIds.uuid(agentId, "agent").toString(), status, qualified, converted,
        instant("from", from), instant("to", to), offset, limit);
  }

  @POST
  @Path("{id}/events")
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Record a conversion: cta_taken, booked, or purchased with its value (idempotent by reference)")
  public Conversations.ConversationView convert(@Context SecurityContext security, @PathParam("id") String id, ConversionDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with type is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    return conversations.convert(p.tenant(), p.schema(), conversationId(id), body.type(), body.value(), body.currency(), body.reference());
  }

  @POST
  @Path("{id}/handoff")
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Hand the conversation to a human now")
  public Conversations.ConversationView handoff(@Context SecurityContext security, @PathParam("id") String id) {
    TenantPrincipal p = TenantPrincipal.of(security);
    return conversations.handoff(p.tenant(), p.schema(), conversationId(id));
  }

  private static String conversationId(String id) {
    return PathIds.uuid(id, "conversation").toString();
  }

  private static Instant instant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
    }
  }
}
