package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.Accounts;
import com.ngx.billing.internal.Payments;
import com.ngx.billing.internal.Subscriptions;
import com.ngx.billing.internal.Views;
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

/** The calling tenant's billing details, payment method and billing notices. */
@Component(service = BillingAccountResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("billing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
public final class BillingAccountResource {
  private final Accounts accounts;
  private final Payments payments;
  private final Subscriptions subscriptions;

  /** A payment method: the provider (manual: bank transfer) and, for card providers, the token from its form. */
  public record PaymentMethodDTO(String provider, String token) {}

  @Activate
  public BillingAccountResource(@Reference Accounts accounts, @Reference Payments payments,
      @Reference Subscriptions subscriptions) {
    this.accounts = accounts;
    this.payments = payments;
    this.subscriptions = subscriptions;
  }

  @GET
  @Path("account")
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "Billing details: billingName, email, country, address, taxId, currency, provider, paymentMethod, creditBalance")
  public ObjectNode account(@Context SecurityContext security) {
    return accounts.json(TenantPrincipal.of(security).tenant().id());
  }

  @PUT
  @Path("account")
  @Access(scope = Scopes.BILLING_WRITE)
  @Operation(summary = "Updates billing details (billingName, email, country, address, taxId); the next invoices use them")
  public ObjectNode updateAccount(@Context SecurityContext security, JsonNode body) {
    java.util.UUID tenant = TenantPrincipal.of(security).tenant().id();
    accounts.update(tenant, body);
    return accounts.json(tenant);
  }

  @PUT
  @Path("payment-method")
  @Access(scope = Scopes.BILLING_WRITE)
  @Operation(summary = "Sets how invoices are paid: provider=manual (bank transfer) or an installed provider with the payment method token from its form (e.g. stripe, pm_…); open invoices are retried at once")
  public ObjectNode paymentMethod(@Context SecurityContext security, PaymentMethodDTO body) {
    if (body == null) {
      throw com.ngx.rest.ApiException.invalid("provider", "is required");
    }
    return Views.subscription(payments.setPaymentMethod(TenantPrincipal.of(security).tenant().id(), body.provider(),
        body.token(), subscriptions));
  }

  @GET
  @Path("notices")
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "Billing notices, newest first: quota warnings (80%, 100%), failed payments, suspension, reactivation")
  public List<ObjectNode> notices(@Context SecurityContext security,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    com.ngx.rest.Page.checkBounds(0, limit);
    return accounts.notices(TenantPrincipal.of(security).tenant().id(), limit);
  }
}
