package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.Plans;
import com.ngx.rest.ApiException;
import java.util.List;
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

/** The public plan catalogue (a pricing page can read it without a key). */
@Component(service = PlanResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
public final class PlanResource {
  private final Plans plans;

  @Activate
  public PlanResource(@Reference Plans plans) {
    this.plans = plans;
  }

  @GET
  @Access(anonymous = true)
  @Operation(summary = "The plans on sale: id, name, price (null when agreed per customer), currency, trialDays, limits (null: unlimited), overagePrice, revenueShare, features")
  public List<ObjectNode> list() {
    return plans.list(false).stream().map(Plans::json).toList();
  }

  @GET
  @Path("{id}")
  @Access(anonymous = true)
  @Operation(summary = "One plan, its current version")
  public ObjectNode get(@PathParam("id") String id) {
    return plans.current(id).filter(p -> p.publicPlan() && !p.archived()).map(Plans::json)
        .orElseThrow(() -> ApiException.notFound("No plan " + id));
  }
}
