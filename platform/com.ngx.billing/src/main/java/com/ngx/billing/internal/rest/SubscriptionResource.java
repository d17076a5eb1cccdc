package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.Accounts;
import com.ngx.billing.internal.Payments;
import com.ngx.billing.internal.Subscriptions;
import com.ngx.billing.internal.Views;
import com.ngx.rest.Validator;
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

/** The calling tenant's subscription: its plan, status and period; changing and cancelling it. */
@Component(service = SubscriptionResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("subscription")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
public final class SubscriptionResource {
  private final Subscriptions subscriptions;

  /** A change of plan. */
  public record ChangeDTO(String planId, String when) {}

  @Activate
  public SubscriptionResource(@Reference Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @GET
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "The subscription: plan, status (trialing, active, past_due, suspended, cancelled), trialEnd, currentPeriodStart, currentPeriodEnd, nextPlan, cancelAtPeriodEnd, creditBalance")
  public ObjectNode get(@Context SecurityContext security) {
    return Views.subscription(subscriptions.view(TenantPrincipal.of(security).tenant().id()));
  }

  @POST
  @Access(scope = Scopes.BILLING_WRITE)
  @Operation(summary = "Changes the plan: when=now prorates the rest of the month (credit for the old plan's unused days, charge for the new plan's) on an invoice of its own; when=period_end switches at the next month")
  public ObjectNode change(@Context SecurityContext security, ChangeDTO body) {
    new Validator().require("planId", body != null && body.planId() != null && !body.planId().isBlank(), "is required")
        .throwIfInvalid();
    return Views.subscription(subscriptions.change(TenantPrincipal.of(security).tenant().id(), body.planId().strip(),
        body.when()));
  }

  @DELETE
  @Access(scope = Scopes.BILLING_WRITE)
  @Operation(summary = "Cancels: at the end of the month (default, when=period_end) or now; nothing is refunded; agents stop serving when it ends")
  public ObjectNode cancel(@Context SecurityContext security, @QueryParam("when") @DefaultValue("period_end") String when) {
    return Views.subscription(subscriptions.cancel(TenantPrincipal.of(security).tenant().id(), when));
  }
}
