package com.ngx.tenant.internal;

import com.ngx.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Declares this bundle's migrations: {@code db/tenant/shared} and {@code db/tenant/tenant}. */
@Component
public final class TenantMigrations implements SchemaMigrations {
  @Override
  public String module() {
    return "tenant";
  }

  @Override
  public boolean hasTenantMigrations() {
    return true;
  }
}
