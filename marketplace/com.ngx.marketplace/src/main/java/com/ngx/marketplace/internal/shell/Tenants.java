package com.ngx.marketplace.internal.shell;

import com.ngx.api.tenant.TenantContext;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;

/** Finds a tenant by slug for shell commands. */
final class Tenants {
  private Tenants() {}

  static Tenant bySlug(TenantService tenants, String slug) {
    return tenants.findBySlug(slug).orElseThrow(() -> new IllegalArgumentException("No tenant " + slug));
  }

  static TenantContext context(Tenant t) {
    return new TenantContext(t.id(), t.slug());
  }
}
