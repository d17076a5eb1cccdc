package com.ngx.tenant.internal.rest;

import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Page;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import com.ngx.tenant.ApiKeyService;
import com.ngx.tenant.CreatedApiKey;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import com.ngx.tenant.internal.rest.TenantDTOs.ApiKeyDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.ApiKeyPageDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.CreatedApiKeyDTO;
import com.ngx.tenant.internal.rest.TenantDTOs.NewApiKeyDTO;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

/**
 * A tenant's API keys, for operators and for the tenant itself (a key with {@code keys:*} scopes).
 * A tenant key naming another tenant gets 404, exactly as for a tenant that does not exist.
 */
@Component(service = ApiKeyResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("tenants/{tenantId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "api-keys", description = "A tenant's API keys (operator key, or the tenant's own key)")
@SecurityRequirement(name = "bearer")
public final class ApiKeyResource {

  private final ApiKeyService keys;
  private final TenantService tenants;

  @Activate
  public ApiKeyResource(@Reference ApiKeyService keys, @Reference TenantService tenants) {
    this.keys = keys;
    this.tenants = tenants;
  }

  @POST
  @Access(operator = true, scope = Scopes.KEYS_WRITE)
  @Operation(summary = "Create an API key; its secret is in this response only")
  @ApiResponse(
      responseCode = "201",
      description = "Created; `key` is the secret",
      content = @Content(schema = @Schema(implementation = CreatedApiKeyDTO.class)))
  public Response create(
      @Context SecurityContext security, @PathParam("tenantId") String tenantId, NewApiKeyDTO body) {
    UUID tenant = ownTenant(security, tenantId);
    if (body == null) {
      throw ApiException.badRequest("A JSON body with name and scopes is required");
    }
    if (body.scopes() != null) {
      for (int i = 0; i < body.scopes().size(); i++) {
        String scope = body.scopes().get(i);
        if (scope == null || scope.isBlank()) {
          throw ApiException.invalid("scopes[" + i + "]", "must be a scope name");
        }
      }
    }
    Set<String> scopes = body.scopes() == null ? Set.of() : new LinkedHashSet<>(body.scopes());
    if (ApiPrincipal.of(security) instanceof TenantPrincipal caller) {
      for (String scope : scopes) {
        if (!caller.hasScope(scope)) {
          throw ApiException.forbidden(
              "A key can only grant scopes it holds itself; it lacks '" + scope + "'");
        }
      }
    }
    CreatedApiKey created = keys.createTenantKey(tenant, body.name(), scopes);
    var k = created.key();
    return Response.created(URI.create("tenants/" + tenant + "/api-keys/" + k.id()))
        .entity(
            new CreatedApiKeyDTO(
                k.id(), k.name(), k.prefix(), List.copyOf(k.scopes()), k.createdAt(), created.secret()))
        .build();
  }

  @GET
  @Access(operator = true, scope = Scopes.KEYS_READ)
  @Operation(summary = "List API keys, newest first (no secrets)")
  public ApiKeyPageDTO list(
      @Context SecurityContext security,
      @PathParam("tenantId") String tenantId,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    UUID tenant = ownTenant(security, tenantId);
    Page.checkBounds(offset, limit);
    return new ApiKeyPageDTO(
        keys.list(tenant, offset, limit).stream().map(ApiKeyDTO::of).toList(),
        offset,
        limit,
        keys.count(tenant));
  }

  @DELETE
  @Path("{keyId}")
  @Access(operator = true, scope = Scopes.KEYS_WRITE)
  @Operation(summary = "Revoke an API key; it is refused from now on")
  @ApiResponse(responseCode = "204", description = "Revoked")
  public Response revoke(
      @Context SecurityContext security,
      @PathParam("tenantId") String tenantId,
      @PathParam("keyId") String keyId) {
    UUID tenant = ownTenant(security, tenantId);
    if (!keys.revoke(tenant, PathIds.uuid(keyId, "API key"))) {
      throw ApiException.notFound("No API key " + keyId);
    }
    return Response.noContent().build();
  }

  /** The tenant named in the path, if the caller may act on it; 404 otherwise. */
  private UUID ownTenant(SecurityContext security, String tenantId) {
    UUID id = PathIds.uuid(tenantId, "tenant");
    ApiPrincipal caller = ApiPrincipal.of(security);
    if (caller instanceof TenantPrincipal t) {
      if (!t.tenant().id().equals(id)) {
        throw ApiException.notFound("No tenant " + tenantId);
      }
      return id;
    }
    var tenant = tenants.get(id);
    if (tenant.isEmpty() || tenant.get().status() == TenantStatus.PURGED) {
      throw ApiException.notFound("No tenant " + tenantId);
    }
    return id;
  }
}
