package com.ngx.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Provisions tenants and moves them through their life. Every method validates its input and
 * throws {@code com.ngx.rest.ApiException} with the field at fault.
 */
@ProviderType
public interface TenantService {

  /**
   * Creates the tenant, its schema and runs its migrations and every {@link
   * TenantLifecycleParticipant}; either all of it happens or nothing is left behind.
   */
  Tenant provision(String slug, String name);

  Optional<Tenant> get(UUID id);

  Optional<Tenant> findBySlug(String slug);

  /** The tenant an operator names by id or by slug (shell commands, tools). */
  default Optional<Tenant> find(String idOrSlug) {
    if (idOrSlug.length() == 36) {
      try {
        return get(UUID.fromString(idOrSlug));
      } catch (IllegalArgumentException notAnId) {
        // a slug after all
      }
    }
    return findBySlug(idOrSlug);
  }

  /** Matching tenants, newest first. */
  List<Tenant> list(TenantQuery query);

  long count(TenantQuery query);

  /**
   * Changes the name (unless null) and the own rate limit (when {@code changeLimits}; nulls
   * restore the platform default) in one transaction, after validating both.
   */
  Tenant update(UUID id, String name, boolean changeLimits, Integer ratePerSecond, Integer rateBurst);

  /** Renames the tenant. */
  Tenant rename(UUID id, String name);

  /** Sets the tenant's own rate limit; nulls restore the platform default. */
  Tenant setRateLimit(UUID id, Integer ratePerSecond, Integer rateBurst);

  Tenant suspend(UUID id, String reason);

  /** Reactivates a suspended tenant, or restores a deleted one within its grace period. */
  Tenant reactivate(UUID id);

  /** Soft-deletes the tenant; its schema is dropped once the grace period ends. */
  Tenant delete(UUID id);

  /** Drops a deleted tenant's schema now, without waiting for the grace period. */
  Tenant purge(UUID id);
}
