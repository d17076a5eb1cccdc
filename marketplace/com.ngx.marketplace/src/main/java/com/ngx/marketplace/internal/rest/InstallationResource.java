package com.ngx.marketplace.internal.rest;

import com.ngx.api.tenant.TenantContext;
import com.ngx.marketplace.internal.Installations;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

/** A tenant's add-ons: plan, install, upgrade, roll back, enable/disable, settings, uninstall. */
@Component(service = InstallationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("installations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "installations", description = "The calling tenant's installed add-ons (tenant key)")
@SecurityRequirement(name = "bearer")
public final class InstallationResource {

  /** What to install: a listing, optionally a version (default: the newest published), optional settings. */
  public record InstallDTO(String listingId, String version, Map<String, Object> settings) {}

  /** The version to move to. */
  public record VersionDTO(String version) {}

  /** The tenant's installations. */
  public record InstallationPageDTO(List<Installations.Installation> items) {}

  private final Installations installations;

  @Activate
  public InstallationResource(@Reference Installations installations) {
    this.installations = installations;
  }

  @POST
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Install an add-on for the calling tenant (hot deploy, no restart)")
  public Response install(@Context SecurityContext security, InstallDTO body) {
    TenantContext tenant = Callers.tenantContext(security);
    UUID listing = listingId(body);
    Installations.Installation i =
        installations.install(tenant, listing, body.version(), body.settings());
    return Response.created(URI.create("installations/" + i.id())).entity(i).build();
  }

  @POST
  @Path("plan")
  @Access(scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "Dry run: what installing (or upgrading to) a version would do to the runtime")
  public Installations.InstallPlan plan(@Context SecurityContext security, InstallDTO body) {
    return installations.plan(Callers.tenantContext(security), listingId(body), body.version());
  }

  @GET
  @Access(scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "The calling tenant's installations")
  public InstallationPageDTO list(@Context SecurityContext security) {
    return new InstallationPageDTO(installations.list(Callers.tenantContext(security)));
  }

  @GET
  @Path("{id}")
  @Access(scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "One installation, with its state, failures and missing settings")
  public Installations.Installation get(@Context SecurityContext security, @PathParam("id") String id) {
    return installations.get(Callers.tenantContext(security), PathIds.uuid(id, "installation"));
  }

  @POST
  @Path("{id}/upgrade")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Upgrade, gated on the new version's health; on failure the tenant stays on its version (409)")
  public Installations.Installation upgrade(
      @Context SecurityContext security, @PathParam("id") String id, VersionDTO body) {
    return installations.changeVersion(
        Callers.tenantContext(security), PathIds.uuid(id, "installation"), body == null ? null : body.version(), false);
  }

  @POST
  @Path("{id}/rollback")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Go back to an earlier certified version")
  public Installations.Installation rollback(
      @Context SecurityContext security, @PathParam("id") String id, VersionDTO body) {
    return installations.changeVersion(
        Callers.tenantContext(security), PathIds.uuid(id, "installation"), body == null ? null : body.version(), true);
  }

  @POST
  @Path("{id}/enable")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Enable (also after an automatic disable)")
  public Installations.Installation enable(@Context SecurityContext security, @PathParam("id") String id) {
    return installations.setEnabled(Callers.tenantContext(security), PathIds.uuid(id, "installation"), true);
  }

  @POST
  @Path("{id}/disable")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Disable: the platform stops calling the add-on for this tenant")
  public Installations.Installation disable(@Context SecurityContext security, @PathParam("id") String id) {
    return installations.setEnabled(Callers.tenantContext(security), PathIds.uuid(id, "installation"), false);
  }

  @GET
  @Path("{id}/settings")
  @Access(scope = Scopes.MARKETPLACE_READ)
  @Operation(summary = "The add-on's settings for this tenant (passwords masked) and their form (from Metatype)")
  public Map<String, Object> settings(@Context SecurityContext security, @PathParam("id") String id) {
    return installations.settings(Callers.tenantContext(security), PathIds.uuid(id, "installation"));
  }

  @PUT
  @Path("{id}/settings")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Change settings; validated against the add-on's Metatype (null removes a value)")
  public Map<String, Object> updateSettings(
      @Context SecurityContext security, @PathParam("id") String id, Map<String, Object> body) {
    return installations.updateSettings(Callers.tenantContext(security), PathIds.uuid(id, "installation"), body);
  }

  @DELETE
  @Path("{id}")
  @Access(scope = Scopes.MARKETPLACE_WRITE)
  @Operation(summary = "Uninstall; the add-on's data is retained (default), exported (in this response) or purged")
  public Response uninstall(
      @Context SecurityContext security, @PathParam("id") String id, @QueryParam("data") String data) {
    TenantPrincipal tenant = Callers.tenant(security);
    Installations.Uninstalled u =
        installations.uninstall(tenant.tenant(), tenant.schema(), PathIds.uuid(id, "installation"), data);
    if ("export".equals(u.data())) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", u.id());
      out.put("data", u.data());
      out.put("export", u.export());
      return Response.ok(out).build();
    }
    return Response.noContent().build();
  }

  private static UUID listingId(InstallDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with listingId is required");
    }
    if (body.listingId() == null || body.listingId().isBlank()) {
      throw ApiException.invalid("listingId", "is required");
    }
    try {
      return UUID.fromString(body.listingId().strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("listingId", "must be a listing id (UUID)");
    }
  }
}
