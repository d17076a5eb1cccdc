package com.ngx.tenant.internal;

import com.ngx.api.health.HealthCheck;
import com.ngx.tenant.internal.rest.ApiKeyResource;
import com.ngx.tenant.internal.rest.MeResource;
import com.ngx.tenant.internal.rest.SettingsResource;
import com.ngx.tenant.internal.rest.TenantResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code tenants} readiness check: registered only once the tenant services and every tenant
 * REST resource are registered, so readiness never turns green before {@code /tenants} answers.
 */
@Component
public final class TenantReadiness implements HealthCheck {

  @Activate
  public TenantReadiness(
      @Reference TenantServiceImpl tenants,
      @Reference KeyAuthenticator authenticator,
      @Reference TenantResource tenantResource,
      @Reference ApiKeyResource apiKeyResource,
      @Reference MeResource meResource,
      @Reference SettingsResource settingsResource) {
    // the references are the check
  }

  @Override
  public String name() {
    return "tenants";
  }

  @Override
  public Result check() {
    return Result.up("tenant services and resources registered");
  }
}
