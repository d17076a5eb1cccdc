package com.ngx.marketplace.internal;

import com.ngx.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Declares this bundle's migrations: {@code db/marketplace/shared} and {@code db/marketplace/tenant}. */
@Component
public final class MarketplaceMigrations implements SchemaMigrations {
  @Override
  public String module() {
    return "marketplace";
  }

  @Override
  public boolean hasTenantMigrations() {
    return true;
  }
}
