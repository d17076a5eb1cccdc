package com.ngx.agent.internal.store;

import com.ngx.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Declares this bundle's migrations: {@code db/agent/shared} (widget keys) and {@code db/agent/tenant}. */
@Component
public final class AgentMigrations implements SchemaMigrations {
  @Override
  public String module() {
    return "agent";
  }

  @Override
  public boolean hasTenantMigrations() {
    return true;
  }
}
