package com.ngx.persistence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A platform module's versioned database migrations, registered as an OSGi service.
 *
 * <p>The persistence bundle runs the module's shared migrations ({@code db/<module>/shared/V*.sql}
 * in the registering bundle) as soon as the service appears, then registers a {@link SchemaReady}
 * service with {@code ngx.schema.module=<module>}. Components that use the module's tables
 * reference that service, so they never run against an old schema. The tenant migrations ({@code
 * db/<module>/tenant/V*.sql}) run in every tenant schema: at provisioning, and lazily (or in the
 * background) for existing tenants, so start-up time does not grow with the number of tenants.
 */
@ConsumerType
public interface SchemaMigrations {

  /** The module's name: lowercase letters and digits, e.g. {@code tenant}. */
  String module();

  /** Whether the module has migrations for the shared schema. */
  default boolean hasSharedMigrations() {
    return true;
  }

  /** Whether the module has migrations for every tenant schema. */
  default boolean hasTenantMigrations() {
    return false;
  }
}
