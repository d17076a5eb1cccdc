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
    Integer publisherShareBp) {

  boolean enabled() {
    return Installations.ACTIVE.equals(status);
  }

  PluginRuntime.Target target() {
    return new PluginRuntime.Target(pluginId, version, sha256);
  }
}
