package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.BillingOperations;
import com.ngx.billing.internal.BillingRuns;
import com.ngx.rest.Page;
import com.ngx.rest.PathIds;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
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

/**
 * The operator's billing: plans, runs, the test clock, tenants' subscriptions (overrides), invoices
 * (finalize, void, uncollectible, manual payments, refunds), tax rates, issuers, partners, ledgers.
 */
@Component(service = OperatorBillingResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("operator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "billing-operator")
@SecurityRequirement(name = "bearer")
@Access(operator = true)
public final class OperatorBillingResource {
  private final BillingOperations ops;

  @Activate
  public OperatorBillingResource(@Reference BillingOperations ops) {
    this.ops = ops;
  }

  @GET
  @Path("clock")
  @Operation(summary = "Billing time and whether the test clock is on (ngx.billing.testClock=true)")
  public ObjectNode clock() {
    return ops.clock();
  }

  @POST
  @Path("clock")
  @Operation(summary = "Test clock only: moves billing time forward by an ISO-8601 duration, e.g. {\"advance\":\"P30D\"}; 404 when the test clock is off")
  public ObjectNode advance(JsonNode body) {
    return ops.advance(body);
  }

  @POST
  @Path("billing-runs")
  @Operation(summary = "Runs billing now: trials end, months renew, invoices open and are collected, dunning retries, mail goes out")
  public BillingRuns.Run run(JsonNode body) {
    return ops.run(body == null ? 2 : body.path("threads").asInt(2));
  }

  @GET
  @Path("billing-runs")
  @Operation(summary = "Recent billing runs, newest first")
  public List<BillingRuns.Run> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
    Page.checkBounds(0, limit);
    return ops.runs(limit);
  }

  @GET
  @Path("plans")
  @Operation(summary = "Every plan, hidden and archived ones too (current versions)")
  public List<ObjectNode> plans() {
    return ops.plans();
  }

  @PUT
  @Path("plans/{id}")
  @Operation(summary = "Creates a plan or writes a new version of it (same shape as GET /plans); subscriptions keep their version until they change plan")
  public ObjectNode savePlan(@PathParam("id") String id, JsonNode body) {
    return ops.savePlan(id, body);
  }

  @GET
  @Path("tenants/{tenantId}/subscription")
  @Operation(summary = "A tenant's subscription")
  public ObjectNode subscription(@PathParam("tenantId") String tenantId) {
    return ops.subscription(PathIds.uuid(tenantId, "tenant"));
  }

  @PUT
  @Path("tenants/{tenantId}/subscription")
  @Operation(summary = "Overrides: planId (no proration), price (custom monthly price, e.g. enterprise; null clears), limits (object of limits; null clears), taxExempt")
  public ObjectNode override(@PathParam("tenantId") String tenantId, JsonNode body) {
    return ops.override(PathIds.uuid(tenantId, "tenant"), body);
  }

  @GET
  @Path("tenants/{tenantId}/invoices")
  @Operation(summary = "A tenant's invoices, drafts included")
  public Page<ObjectNode> invoices(@PathParam("tenantId") String tenantId,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return ops.invoices(PathIds.uuid(tenantId, "tenant"), offset, limit);
  }

  @POST
  @Path("tenants/{tenantId}/invoices")
  @Operation(summary = "A draft invoice with one-off lines [{description, amount, quantity}] (finalize it to send it)")
  public Response draft(@PathParam("tenantId") String tenantId, JsonNode body) {
    return Response.status(201).entity(ops.draft(PathIds.uuid(tenantId, "tenant"), body)).build();
  }

  @GET
  @Path("tenants/{tenantId}/ledger")
  @Operation(summary = "A tenant's billing ledger and its reconciliation with the open invoices and credit balance")
  public ObjectNode ledger(@PathParam("tenantId") String tenantId) {
    return ops.ledger(PathIds.uuid(tenantId, "tenant"));
  }

  @GET
  @Path("invoices/{id}")
  @Produces({MediaType.APPLICATION_JSON, "application/pdf"})
  @Operation(summary = "Any invoice, JSON or (Accept: application/pdf) the PDF")
  public Response invoice(@Context HttpHeaders headers, @PathParam("id") String id) {
    UUID invoice = PathIds.uuid(id, "invoice");
    if (InvoiceResource.wantsPdf(headers)) {
      var pdf = ops.pdf(invoice);
      return Response.ok(pdf.bytes(), "application/pdf")
          .header("Content-Disposition", "inline; filename=\"" + pdf.fileName() + "\"").build();
    }
    return Response.ok(ops.invoice(invoice), MediaType.APPLICATION_JSON).build();
  }

  @POST
  @Path("invoices/{id}/finalize")
  @Operation(summary = "Opens a draft: it gets the issuer's next number and is collected")
  public ObjectNode finalizeInvoice(@PathParam("id") String id) {
    return ops.finalizeInvoice(PathIds.uuid(id, "invoice"));
  }

  @POST
  @Path("invoices/{id}/void")
  @Operation(summary = "Voids a draft or an unpaid open invoice ({\"memo\"})")
  public ObjectNode voidInvoice(@PathParam("id") String id, JsonNode body) {
    return ops.voidInvoice(PathIds.uuid(id, "invoice"), body);
  }

  @POST
  @Path("invoices/{id}/uncollectible")
  @Operation(summary = "Writes an open invoice off ({\"memo\"})")
  public ObjectNode uncollectible(@PathParam("id") String id, JsonNode body) {
    return ops.uncollectible(PathIds.uuid(id, "invoice"), body);
  }

  @POST
  @Path("invoices/{id}/payments")
  @Operation(summary = "Records a payment received outside a provider, e.g. a bank transfer ({\"amount\":\"497.00\",\"reference\"}); reactivates a suspended tenant once nothing is overdue")
  public ObjectNode payment(@PathParam("id") String id, JsonNode body) {
    return ops.manualPayment(PathIds.uuid(id, "invoice"), body);
  }

  @POST
  @Path("invoices/{id}/collect")
  @Operation(summary = "Tries to collect an open invoice now through the tenant's payment provider")
  public ObjectNode collect(@PathParam("id") String id) {
    return ops.collect(PathIds.uuid(id, "invoice"));
  }

  @POST
  @Path("invoices/{id}/refunds")
  @Operation(summary = "Refunds a paid invoice — whole lines ({\"lineIds\":[…]}) or an amount including tax ({\"amount\":\"100.00\"}) — through its payment provider, and issues a credit note")
  public Response refund(@PathParam("id") String id, JsonNode body) {
    return Response.status(201).entity(ops.refund(PathIds.uuid(id, "invoice"), body)).build();
  }

  @GET
  @Path("tax-rates")
  @Operation(summary = "Tax rates by country")
  public List<ObjectNode> taxRates() {
    return ops.taxRates();
  }

  @PUT
  @Path("tax-rates/{country}")
  @Operation(summary = "Sets a country's tax rate ({\"name\":\"VAT\",\"ratePercent\":\"21\"}); new invoices use it")
  public ObjectNode taxRate(@PathParam("country") String country, JsonNode body) {
    return ops.setTaxRate(country, body);
  }

  @PUT
  @Path("issuers/{id}")
  @Operation(summary = "Creates or updates an issuer (name, address, taxId, email, colour, numberPrefix); 'platform' is the default")
  public ObjectNode issuer(@PathParam("id") String id, JsonNode body) {
    return ops.saveIssuer(id, body);
  }

  @GET
  @Path("partners")
  @Operation(summary = "Partners")
  public List<ObjectNode> partners() {
    return ops.partners();
  }

  @POST
  @Path("partners")
  @Operation(summary = "Creates a partner ({\"name\",\"email\",\"firstYearBasisPoints\":3000,\"laterBasisPoints\":2000,\"issuerId\"})")
  public Response createPartner(JsonNode body) {
    return Response.status(201).entity(ops.createPartner(body)).build();
  }

  @POST
  @Path("partners/{id}/keys")
  @Operation(summary = "A partner API key (ngx_pa_…), shown once")
  public Response partnerKey(@PathParam("id") String id, JsonNode body) {
    return Response.status(201).entity(ops.partnerKey(PathIds.uuid(id, "partner"), body)).build();
  }

  @PUT
  @Path("tenants/{tenantId}/partner")
  @Operation(summary = "Makes the tenant a client of a partner from today ({\"partnerId\"})")
  public ObjectNode assign(@PathParam("tenantId") String tenantId, JsonNode body) {
    return ops.assignPartner(PathIds.uuid(tenantId, "tenant"), body);
  }

  @GET
  @Path("partners/{id}/statements/{period}")
  @Operation(summary = "A partner's commission statement for a month")
  public ObjectNode partnerStatement(@PathParam("id") String id, @PathParam("period") String period) {
    return ops.partnerStatement(PathIds.uuid(id, "partner"), period);
  }
}
