package com.ngx.marketplace.internal.rest;

import com.ngx.marketplace.internal.Catalog;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
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

/** The marketplace catalog: published add-ons, their pages and tenants' reviews. */
@Component(service = CatalogResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "Published add-ons (tenant or operator key)")
@SecurityRequirement(name = "bearer")
public final class CatalogResource {

  /** A tenant's review. */
  public record ReviewDTO(Integer rating, String title, String body) {}

  private final Catalog catalog;

  @Activate
  public CatalogResource(@Reference Catalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @Access(operator = true, scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "Search published add-ons by text, category and price")
  public Catalog.Results search(
      @QueryParam("q") String q,
      @QueryParam("category") String category,
      @QueryParam("price") String price,
      @QueryParam("maxPriceMinor") Long maxPriceMinor,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Page.checkBounds(offset, limit);
    if (price != null && !price.equals("free") && !price.equals("paid")) {
      throw ApiException.invalid("query.price", "must be free or paid");
    }
    if (q != null && q.length() > 200) {
      throw ApiException.invalid("query.q", "must be at most 200 characters");
    }
    return catalog.search(q, category, price, maxPriceMinor, offset, limit);
  }

  @GET
  @Path("{id}")
  @Access(operator = true, scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "A published add-on's page: description, screenshots, versions, ratings, reviews")
  public Catalog.PageData page(@PathParam("id") String id) {
    return catalog.page(PathIds.uuid(id, "listing"));
  }

  @POST
  @Path("{id}/reviews")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Rate and review an add-on the tenant has installed (one per tenant; resubmitting replaces it)")
  public Response review(@Context SecurityContext security, @PathParam("id") String id, ReviewDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with rating is required");
    }
    Catalog.Review r =
        catalog.review(Callers.tenantContext(security), PathIds.uuid(id, "listing"), body.rating(), body.title(),
            body.body());
    return Response.status(201).entity(r).build();
  }
}
