package com.ngx.agent.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.service.Widgets;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The chat widgets of an agent: public keys with their allowed origins and branding. */
@Component(service = WidgetAdminResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("agents/{id}/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "widget", description = "The embeddable chat widget")
@SecurityRequirement(name = "bearer")
public final class WidgetAdminResource {

  /** A widget to create. */
  public record WidgetDTO(List<String> allowedOrigins, JsonNode brand) {}

  private final Widgets widgets;

  @Activate
  public WidgetAdminResource(@Reference Widgets widgets) {
    this.widgets = widgets;
  }

  @POST
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Create a widget key for the agent: allowed origins and brand (colours, logo, title); answers the snippet")
  public Response create(@Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String id, WidgetDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with allowedOrigins is required");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    Widgets.WidgetView w = widgets.create(p.tenant(), p.schema(), AgentResource.agentId(id), body.allowedOrigins(), body.brand(), base(uri));
    return Response.created(URI.create("agents/" + id + "/widgets/" + w.key())).entity(w).build();
  }

  @GET
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The agent's widget keys")
  public List<Widgets.WidgetView> list(@Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String id) {
    return widgets.list(TenantPrincipal.of(security).tenant(), AgentResource.agentId(id), base(uri));
  }

  @DELETE
  @Path("{key}")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Revoke a widget key (pages using it stop working)")
  public Response revoke(@Context SecurityContext security, @PathParam("id") String id, @PathParam("key") String key) {
    widgets.revoke(TenantPrincipal.of(security).tenant(), AgentResource.agentId(id), key);
    return Response.noContent().build();
  }

  /** The platform's origin as the caller reached it (e.g. http://localhost:8181). */
  static String base(UriInfo uri) {
    URI b = uri.getBaseUri();
    return b.getScheme() + "://" + b.getAuthority();
  }
}
