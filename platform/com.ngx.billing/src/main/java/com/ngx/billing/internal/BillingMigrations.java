package com.ngx.billing.internal;

import com.ngx.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Declares this bundle's migrations: {@code db/billing/shared}. */
@Component
public final class BillingMigrations implements SchemaMigrations {
  @Override
  public String module() {
    return "billing";
  }
}
