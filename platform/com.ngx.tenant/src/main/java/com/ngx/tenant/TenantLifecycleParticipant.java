package com.ngx.tenant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A platform part that takes part in a tenant's provisioning and erasure (billing creates the
 * subscription, agents seed defaults, …). Register it as an OSGi service.
 */
@ConsumerType
public interface TenantLifecycleParticipant {

  /**
   * Called once the tenant's schema exists and is migrated, before the tenant becomes active.
   * Throwing aborts the provisioning: the schema is dropped and the tenant removed.
   */
  void provisioning(Tenant tenant);

  /** Called when the tenant's data is erased; must remove what the participant keeps for it. */
  default void purged(Tenant tenant) {}
}
