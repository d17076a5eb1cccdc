package com.ngx.api.plugin;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The usage meter of a plugin priced per usage unit (for example "per lead delivered").
 *
 * <p>Each record becomes one charge in the marketplace ledger at the listing's unit price. The
 * {@code idempotencyKey} makes recording safe to retry: a second record with the same key for
 * the same tenant and plugin is ignored. For plugins that are not priced per usage this does
 * nothing.
 */
@ProviderType
public interface PluginUsage {
  /**
   * Records {@code quantity} units (at least 1).
   *
   * @param idempotencyKey 1–200 characters identifying this unit of work, e.g. the lead id
   */
  void record(long quantity, String idempotencyKey);
}
