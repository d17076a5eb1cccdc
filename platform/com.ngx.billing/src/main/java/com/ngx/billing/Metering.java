package com.ngx.billing;

import com.ngx.api.tenant.TenantContext;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records metered usage exactly once per (tenant, event id): a replay after a crash or a retry
 * neither loses nor double-counts. Callers keep their events in their own transaction (an outbox)
 * and hand them over after commit, again until this returns.
 */
@ProviderType
public interface Metering {
  /**
   * Records the events in one transaction; those recorded before are skipped.
   *
   * @return how many were new
   */
  int record(TenantContext tenant, List<UsageEvent> events);
}
