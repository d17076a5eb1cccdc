package com.ngx.marketplace.internal.rest;

import com.ngx.marketplace.internal.Ledger;
import com.ngx.marketplace.internal.MarketplaceConfiguration;
import com.ngx.marketplace.internal.Publishers;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Page;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.RestConstants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

/** Publisher accounts, their API keys, signing certificates and payout statements. */
@Component(service = PublisherResource.class, configurationPid = "com.ngx.marketplace")
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("publishers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "publishers", description = "Marketplace publishers (operator key, or the publisher's own key)")
@SecurityRequirement(name = "bearer")
public final class PublisherResource {

  /** A new publisher. */
  public record NewPublisherDTO(String name, String email) {}

  /** A new publisher and its first API key (shown once). */
  public record CreatedPublisherDTO(UUID id, String name, String email, String status, String apiKey) {}

  /** A page of publishers. */
  public record PublisherPageDTO(List<Publishers.Publisher> items, int offset, int limit, long total) {}

  /** A new key's name. */
  public record NewKeyDTO(String name) {}

  private final Publishers publishers;
  private final Ledger ledger;
  private final boolean selfService;

  @Activate
  public PublisherResource(
      @Reference Publishers publishers, @Reference Ledger ledger, MarketplaceConfiguration config) {
    this.publishers = publishers;
    this.ledger = ledger;
    this.selfService = config.selfServicePublishers();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(operator = true)
  @Operation(summary = "Create an (approved) publisher; its API key is in this response only")
  public Response create(NewPublisherDTO body) {
    return created(body, true);
  }

  @POST
  @Path("signup")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(anonymous = true)
  @Operation(summary = "Sign up as a publisher (when self-service is on); the account awaits an operator's approval")
  public Response signup(NewPublisherDTO body) {
    if (!selfService) {
      throw ApiException.forbidden("Publisher sign-up is by invitation: ask the platform operator");
    }
    return created(body, false);
  }

  private Response created(NewPublisherDTO body, boolean approved) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with name and email is required");
    }
    Publishers.Created c = publishers.create(body.name(), body.email(), approved);
    Publishers.Publisher p = c.publisher();
    return Response.created(URI.create("publishers/" + p.id()))
        .entity(new CreatedPublisherDTO(p.id(), p.name(), p.email(), p.status(), c.apiKey()))
        .build();
  }

  @GET
  @Access(operator = true)
  @Operation(summary = "List publishers")
  public PublisherPageDTO list(
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    Page.checkBounds(offset, limit);
    return new PublisherPageDTO(publishers.list(offset, limit), offset, limit, publishers.count());
  }

  @GET
  @Path("me")
  @Access(publisher = true)
  @Operation(summary = "The calling publisher")
  public Publishers.Publisher me(@Context SecurityContext security) {
    PublisherPrincipal p = (PublisherPrincipal) ApiPrincipal.of(security);
    return publishers.require(p.publisherId());
  }

  @GET
  @Path("{id}")
  @Access(operator = true, publisher = true)
  @Operation(summary = "A publisher")
  public Publishers.Publisher get(@Context SecurityContext security, @PathParam("id") String id) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    return publishers.require(publisher);
  }

  @POST
  @Path("{id}/approve")
  @Access(operator = true)
  @Operation(summary = "Approve (or reinstate) a publisher")
  public Publishers.Publisher approve(@PathParam("id") String id) {
    return publishers.setStatus(PathIds.uuid(id, "publisher"), "active");
  }

  @POST
  @Path("{id}/suspend")
  @Access(operator = true)
  @Operation(summary = "Suspend a publisher: its keys stop working")
  public Publishers.Publisher suspend(@PathParam("id") String id) {
    return publishers.setStatus(PathIds.uuid(id, "publisher"), "suspended");
  }

  @POST
  @Path("{id}/api-keys")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(operator = true, publisher = true)
  @Operation(summary = "Create another publisher API key; the secret is in this response only")
  public Response createKey(@Context SecurityContext security, @PathParam("id") String id, NewKeyDTO body) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    String secret = publishers.createKey(publisher, body == null ? null : body.name());
    return Response.status(201).entity(Map.of("apiKey", secret)).build();
  }

  @POST
  @Path("{id}/certificates")
  @Consumes(MediaType.WILDCARD)
  @Access(operator = true, publisher = true)
  @Operation(summary = "Register a PEM X.509 certificate the publisher signs its jars with")
  public Response addCertificate(@Context SecurityContext security, @PathParam("id") String id, String pem) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    Publishers.Certificate c = publishers.addCertificate(publisher, pem);
    return Response.created(URI.create("publishers/" + publisher + "/certificates/" + c.id())).entity(c).build();
  }

  @GET
  @Path("{id}/certificates")
  @Access(operator = true, publisher = true)
  @Operation(summary = "The publisher's registered certificates")
  public List<Publishers.Certificate> certificates(@Context SecurityContext security, @PathParam("id") String id) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    return publishers.certificates(publisher);
  }

  @DELETE
  @Path("{id}/certificates/{certificateId}")
  @Access(operator = true, publisher = true)
  @Operation(summary = "Revoke a certificate")
  public Response revoke(
      @Context SecurityContext security, @PathParam("id") String id, @PathParam("certificateId") String cert) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    publishers.revokeCertificate(publisher, PathIds.uuid(cert, "certificate"));
    return Response.noContent().build();
  }

  /** The statement that follows settlements: what publishers are paid. */
  static final String SETTLED = "settled";

  /** The statement of what was charged, paid or not. */
  static final String ACCRUED = "accrued";

  /** A payout statement (cash basis): the money settled in the month for the publisher's charges. */
  @Schema(description = "A payout statement: the money billing collected (paid) or gave back (refunded,"
      + " chargeback) in the month for the publisher's add-on charges, each split at the charge's share")
  public record StatementDTO(
      UUID publisherId,
      @Schema(description = "The month the money moved in", example = "2026-11") String period,
      @Schema(description = "settled") String basis,
      @Schema(description = "Sums per currency, in minor units") List<Ledger.Total> totals,
      @Schema(description = "One line per settlement, by time") List<Ledger.Line> lines) {}

  /** The accrual view: the ledger entries charged in the month, paid or not. */
  @Schema(description = "What was charged in the month, paid or not (basis=accrued); not what is paid out")
  public record AccruedStatementDTO(
      UUID publisherId,
      @Schema(example = "2026-11") String period,
      @Schema(description = "accrued") String basis,
      List<Ledger.Total> totals,
      List<Ledger.Entry> entries) {}

  @GET
  @Path("{id}/statements/{period}")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Access(operator = true, publisher = true)
  @Operation(
      summary = "The publisher's payout statement for a month (YYYY-MM, or YYYY-MM.csv for CSV)",
      description = "Cash basis (the default, basis=settled): the lines are the payments, refunds and"
          + " chargebacks billing settled in that month for the publisher's charges, whenever they were charged;"
          + " the publisher's and the platform's parts are those of the settled amount, so a refund or chargeback"
          + " takes back exactly the share its payment gave, in the month it happens. basis=accrued lists the"
          + " ledger entries charged in the month instead, paid or not (for reconciliation; not what is paid).")
  @ApiResponse(
      responseCode = "200",
      description = "The statement (JSON, or CSV with one row per line)",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementDTO.class)),
        @Content(mediaType = "text/csv")
      })
  @ApiResponse(responseCode = "400", description = "The period is not YYYY-MM, or basis is neither settled nor accrued")
  public Response statement(
      @Context SecurityContext security,
      @PathParam("id") String id,
      @Parameter(description = "The month, YYYY-MM (append .csv for CSV)", example = "2026-11")
          @PathParam("period") String period,
      @Parameter(description = "csv for CSV") @QueryParam("format") String format,
      @Parameter(
              description = "settled (default): money that moved in the month, what is paid out;"
                  + " accrued: what was charged in the month, paid or not",
              schema = @Schema(allowableValues = {SETTLED, ACCRUED}, defaultValue = SETTLED))
          @QueryParam("basis") @DefaultValue(SETTLED) String basis) {
    UUID publisher = PathIds.uuid(id, "publisher");
    Callers.requirePublisher(security, publisher);
    if (!SETTLED.equals(basis) && !ACCRUED.equals(basis)) {
      throw ApiException.invalid("query.basis", "must be settled or accrued");
    }
    boolean csv = period.endsWith(".csv") || "csv".equals(format);
    String month = period.endsWith(".csv") ? period.substring(0, period.length() - 4) : period;
    if (ACCRUED.equals(basis)) {
      Ledger.AccruedStatement s = ledger.accruedStatement(publisher, month);
      if (csv) {
        return csv(Ledger.csv(s), "statement-" + s.period() + "-accrued.csv");
      }
      return Response.ok(new AccruedStatementDTO(s.publisherId(), s.period(), ACCRUED, s.totals(), s.entries()),
          MediaType.APPLICATION_JSON).build();
    }
    Ledger.Statement s = ledger.statement(publisher, month);
    if (csv) {
      return csv(Ledger.csv(s), "statement-" + s.period() + ".csv");
    }
    return Response.ok(new StatementDTO(s.publisherId(), s.period(), SETTLED, s.totals(), s.lines()),
        MediaType.APPLICATION_JSON).build();
  }

  private static Response csv(String body, String filename) {
    return Response.ok(body, "text/csv")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .build();
  }
}
