package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.InvoicePdfs;
import com.ngx.billing.internal.Invoices;
import com.ngx.rest.Page;
import com.ngx.rest.PathIds;
import java.util.UUID;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
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

/** The calling tenant's invoices and credit notes, as JSON or as the branded PDF. */
@Component(service = InvoiceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
public final class InvoiceResource {
  private final Invoices invoices;
  private final InvoicePdfs pdfs;

  @Activate
  public InvoiceResource(@Reference Invoices invoices, @Reference InvoicePdfs pdfs) {
    this.invoices = invoices;
    this.pdfs = pdfs;
  }

  @GET
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "Invoices and credit notes, newest first: number, status, total, currency, amountDue, dueAt …")
  public Page<ObjectNode> list(@Context SecurityContext security, @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return invoices.list(TenantPrincipal.of(security).tenant().id(), false, offset, limit);
  }

  @GET
  @Path("{id}")
  @Produces({MediaType.APPLICATION_JSON, "application/pdf"})
  @Access(scope = Scopes.BILLING_READ)
  @Operation(summary = "One invoice with its lines and payments; with Accept: application/pdf, the branded PDF")
  public Response get(@Context SecurityContext security, @Context HttpHeaders headers, @PathParam("id") String id) {
    UUID tenant = TenantPrincipal.of(security).tenant().id();
    UUID invoice = PathIds.uuid(id, "invoice");
    if (wantsPdf(headers)) {
      InvoicePdfs.Rendered pdf = pdfs.render(tenant, invoice);
      return Response.ok(pdf.bytes(), "application/pdf")
          .header("Content-Disposition", "inline; filename=\"" + pdf.fileName() + "\"").build();
    }
    return Response.ok(invoices.get(tenant, invoice, false), MediaType.APPLICATION_JSON).build();
  }

  static boolean wantsPdf(HttpHeaders headers) {
    for (MediaType m : headers.getAcceptableMediaTypes()) {
      if ("application".equals(m.getType()) && "pdf".equals(m.getSubtype())) {
        return true;
      }
      if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType()) {
        return false;
      }
    }
    return false;
  }
}
