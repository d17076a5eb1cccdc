package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.BillingOperations;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.PartnerPrincipal;
import java.util.List;
import com.ngx.rest.Access;
import com.ngx.rest.RestConstants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

/** A partner's own view: its clients and its commission statements (partner keys only). */
@Component(service = PartnerResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "partners")
@SecurityRequirement(name = "bearer")
@Access(partner = true)
public final class PartnerResource {
  private final BillingOperations ops;

  @Activate
  public PartnerResource(@Reference BillingOperations ops) {
    this.ops = ops;
  }

  private static java.util.UUID partner(SecurityContext security) {
    if (ApiPrincipal.of(security) instanceof PartnerPrincipal p) {
      return p.partnerId();
    }
    throw com.ngx.rest.ApiException.forbidden("This endpoint is for partner keys");
  }

  @GET
  @Operation(summary = "The calling partner")
  public ObjectNode me(@Context SecurityContext security) {
    return ops.partner(partner(security));
  }

  @GET
  @Path("clients")
  @Operation(summary = "The partner's client tenants: plan, status, since when, and what the commission rate is now")
  public List<ObjectNode> clients(@Context SecurityContext security) {
    return ops.clients(partner(security));
  }

  @GET
  @Path("statements/{period}")
  @Operation(summary = "The partner's commission statement for a month (YYYY-MM): commissions on clients' payments, reversals of refunds and chargebacks, totals")
  public ObjectNode statement(@Context SecurityContext security, @PathParam("period") String period) {
    return ops.partnerStatement(partner(security), period);
  }
}
