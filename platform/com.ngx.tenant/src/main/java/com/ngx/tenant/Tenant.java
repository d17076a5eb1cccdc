package com.ngx.tenant;

import com.ngx.api.tenant.TenantContext;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as the platform knows it.
 *
 * @param id stable identifier
 * @param slug unique, immutable short name (also its subdomain)
 * @param name display name
 * @param status where it is in its life
 * @param statusReason why it is suspended, or null
 * @param schema the database schema holding its own data
 * @param ratePerSecond its own sustained request rate, or null for the platform default
 * @param rateBurst its own burst size, or null for the platform default
 * @param createdAt when it was provisioned
 * @param updatedAt when it last changed
 * @param deletedAt when it was soft-deleted, or null
 * @param purgeAfter when its data will be erased, or null
 */
public record Tenant(
    UUID id,
    String slug,
    String name,
    TenantStatus status,
    String statusReason,
    String schema,
    Integer ratePerSecond,
    Integer rateBurst,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt,
    Instant purgeAfter) {

  /** The identity handed to plugins and services. */
  public TenantContext context() {
    return new TenantContext(id, slug);
  }
}
