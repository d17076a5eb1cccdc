package com.ngx.agent.internal.rest;

import com.ngx.agent.internal.service.Conversations;
import com.ngx.rest.Access;
import com.ngx.rest.Page;
import com.ngx.rest.PathIds;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The leads the tenant's agents qualified. */
@Component(service = LeadResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
@SecurityRequirement(name = "bearer")
public final class LeadResource {
  private final Conversations conversations;

  @Activate
  public LeadResource(@Reference Conversations conversations) {
    this.conversations = conversations;
  }

  @GET
  @Access(scope = Scopes.CONVERSATIONS)
  @Operation(summary = "Qualified leads, newest first, with their deliveries to the installed lead sinks")
  public Page<Map<String, Object>> leads(@Context SecurityContext security, @QueryParam("agentId") String agentId,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return conversations.leads(TenantPrincipal.of(security).schema(),
        agentId == null ? null : PathIds.uuid(agentId, "agent").toString(), offset, limit);
  }

}
