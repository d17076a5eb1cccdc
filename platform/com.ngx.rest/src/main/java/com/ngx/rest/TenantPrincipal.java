package com.ngx.rest;

import com.ngx.api.tenant.TenantContext;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;

/**
 * A tenant's API key.
 *
 * @param tenant the tenant the key belongs to
 * @param schema the database schema holding the tenant's own data
 * @param active whether the tenant may use the API now
 * @param inactiveReason why not, when it may not (shown to the caller)
 * @param keyId the key's id
 * @param scopes what the key may do
 * @param rateLimit the tenant's request rate limit
 */
public record TenantPrincipal(
    TenantContext tenant,
    String schema,
    boolean active,
    String inactiveReason,
    String keyId,
    Set<String> scopes,
    RateLimit rateLimit)
    implements ApiPrincipal {

  public TenantPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the key holds the scope ({@code *} holds them all). */
  public boolean hasScope(String scope) {
    return scopes.contains("*") || scopes.contains(scope);
  }

  @Override
  public String getName() {
    return "tenant:" + tenant.slug() + ":" + keyId;
  }

  /** The tenant caller of the current request; 403 for an operator. */
  public static TenantPrincipal of(SecurityContext security) {
    if (ApiPrincipal.of(security) instanceof TenantPrincipal t) {
      return t;
    }
    throw ApiException.forbidden("This endpoint needs a tenant API key");
  }
}
