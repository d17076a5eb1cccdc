package com.ngx.marketplace.internal;

import java.util.Map;

/**
 * An installation as the runtime routes calls to it: which tenant, which plugin at which
 * version, in which state, with which settings and pricing.
 */
public record Active(
    String installationId,
    String tenantId,
    String schema,
    String slug,
    String listingId,
    String publisherId,
    String pluginId,
    String versionId,
    String version,
    String sha256,
    String status,
    int failures,
    Map<String, Object> settings,
    Pricing pricing,
    Integer publisherShareBp,
    String entitlement,
    java.time.Instant trialEndsAt) {

  /** Whether usage is billable now: paid, or a trial that has ended. */
  boolean billable(java.time.Instant now) {
    return "paid".equals(entitlement) || ("trial".equals(entitlement) && trialEndsAt != null && !now.isBefore(trialEndsAt));
  }

  boolean enabled() {
    return Installations.ACTIVE.equals(status);
  }

  PluginRuntime.Target target() {
    return new PluginRuntime.Target(pluginId, version, sha256);
  }
}
