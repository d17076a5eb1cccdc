package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.Usage;
import com.ngx.rest.Access;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.DELETE;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The calling tenant's metered usage of a month. */
@Component(service = UsageResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
public final class UsageResource {
  private final Usage usage;

  @Activate
  public UsageResource(@Reference Usage usage) {
    this.usage = usage;
  }

  @GET
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "Usage of a month (period=YYYY-MM, default the current one): conversations counted (each once, when it has a prospect message) against the plan's limit, add-on units by add-on, attributed revenue, and the records behind them")
  public ObjectNode get(@Context SecurityContext security, @QueryParam("period") String period,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return usage.report(TenantPrincipal.of(security).tenant().id(), period, offset, limit);
  }
}
