package com.ngx.tenant.internal.rest;

import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import com.ngx.rest.RestConstants;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import com.ngx.tenant.internal.rest.TenantDTOs.NewTenantDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.SuspendDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.TenantDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.TenantPageDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.TenantPatchDTO;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Operator endpoints of the tenant lifecycle. */
@Component(service = TenantResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path(TenantResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Access(operator = true)
@Tag(name = "tenants", description = "Tenant lifecycle (operator key)")
@SecurityRequirement(name = "bearer")
public final class TenantResource {

  static final String PATH = "tenants";

  private final TenantService tenants;

  @Activate
  public TenantResource(@Reference TenantService tenants) {
    this.tenants = tenants;
  }

  @POST
  @Operation(summary = "Provision a tenant: its record, its schema and its migrations, all or nothing")
  @ApiResponse(
      responseCode = "201",
      description = "Provisioned and active",
      content = @Content(schema = @Schema(implementation = TenantDTO.class)))
  @ApiResponse(responseCode = "409", description = "The slug is taken")
  public Response provision(NewTenantDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with slug and name is required");
    }
    Tenant tenant = tenants.provision(body.slug(), body.name());
    return Response.created(URI.create(PATH + "/" + tenant.id())).entity(TenantDTO.of(tenant)).build();
  }

  @GET
  @Operation(summary = "List tenants, newest first")
  public TenantPageDTO list(
      @Parameter(description = "provisioning, active, suspended, deleted or purged")
          @QueryParam("status")
          String status,
      @Parameter(description = "Text contained in the slug or name") @QueryParam("q") String q,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Page.checkBounds(offset, limit);
    TenantStatus filter = null;
    if (status != null && !status.isEmpty()) {
      filter = TenantStatus.fromApiName(status);
      if (filter == null) {
        throw ApiException.invalid(
            "query.status",
            "must be one of "
                + Arrays.stream(TenantStatus.values()).map(TenantStatus::apiName).toList());
      }
    }
    TenantQuery query = new TenantQuery(filter, q, offset, limit);
    return new TenantPageDTO(
        tenants.list(query).stream().map(TenantDTO::of).toList(), offset, limit, tenants.count(query));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Get a tenant")
  public TenantDTO get(@PathParam("id") String id) {
    return TenantDTO.of(
        tenants.get(PathIds.uuid(id, "tenant")).orElseThrow(() -> ApiException.notFound("No tenant " + id)));
  }

  @PATCH
  @Path("{id}")
  @Operation(summary = "Rename a tenant or set its own rate limit")
  public TenantDTO update(@PathParam("id") String id, TenantPatchDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with name and/or limits is required");
    }
    var limits = body.limits();
    return TenantDTO.of(
        tenants.update(
            PathIds.uuid(id, "tenant"),
            body.name(),
            limits != null,
            limits == null ? null : limits.ratePerSecond(),
            limits == null ? null : limits.rateBurst()));
  }

  @POST
  @Path("{id}/suspend")
  @Operation(summary = "Suspend a tenant: its keys get 403 with the reason; its data is kept")
  public TenantDTO suspend(@PathParam("id") String id, SuspendDTO body) {
    return TenantDTO.of(tenants.suspend(PathIds.uuid(id, "tenant"), body == null ? null : body.reason()));
  }

  @POST
  @Path("{id}/reactivate")
  @Operation(summary = "Reactivate a suspended tenant, or restore a deleted one within its grace period")
  public TenantDTO reactivate(@PathParam("id") String id) {
    return TenantDTO.of(tenants.reactivate(PathIds.uuid(id, "tenant")));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a tenant: refused at once, erased after the grace period (purgeAfter)")
  public TenantDTO delete(@PathParam("id") String id) {
    return TenantDTO.of(tenants.delete(PathIds.uuid(id, "tenant")));
  }

  @POST
  @Path("{id}/purge")
  @Operation(summary = "Erase a deleted tenant's data now (GDPR erasure), without waiting")
  public TenantDTO purge(@PathParam("id") String id) {
    return TenantDTO.of(tenants.purge(PathIds.uuid(id, "tenant")));
  }
}
