package com.ngx.tenant.internal.rest;

import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import com.ngx.rest.TenantPrincipal;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.internal.rest.TenantDTOs.CallerKeyDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.MeDTO;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Who am I: the tenant and key behind the caller's API key. */
@Component(service = MeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenant", description = "The calling tenant (tenant API key)")
@SecurityRequirement(name = "bearer")
public final class MeResource {

  private final TenantService tenants;

  @Activate
  public MeResource(@Reference TenantService tenants) {
    this.tenants = tenants;
  }

  @GET
  @Access(scope = Access.ANY_SCOPE)
  @Operation(summary = "The caller's tenant and key")
  public MeDTO me(@Context SecurityContext security) {
    TenantPrincipal caller = TenantPrincipal.of(security);
    Tenant t =
        tenants
            .get(caller.tenant().id())
            .orElseThrow(() -> ApiException.unauthorized("The API key is invalid or revoked"));
    return new MeDTO(
        t.id(),
        t.slug(),
        t.name(),
        t.status().apiName(),
        new CallerKeyDTO(caller.keyId(), List.copyOf(new TreeSet<>(caller.scopes()))));
  }
}
