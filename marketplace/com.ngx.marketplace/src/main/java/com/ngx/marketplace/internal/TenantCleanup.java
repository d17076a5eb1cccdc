package com.ngx.marketplace.internal;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantLifecycleParticipant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** When a tenant is erased, its installations end and plugin bundles no one uses leave the runtime. */
@Component
public final class TenantCleanup implements TenantLifecycleParticipant {
  private final Installations installations;

  @Activate
  public TenantCleanup(@Reference Installations installations) {
    this.installations = installations;
  }

  @Override
  public void provisioning(Tenant tenant) {
    // nothing to set up: a new tenant has no add-ons
  }

  @Override
  public void purged(Tenant tenant) {
    installations.tenantPurged(tenant.id().toString());
  }
}
