package com.ngx.marketplace;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.tenant.TenantContext;
import java.util.List;
import java.util.function.BiFunction;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls plugins on behalf of a tenant: only the plugins that tenant has installed and enabled, at
 * the version it is on, with its context and settings, each call contained (timeout, its own
 * threads, failures counted against the plugin for that tenant, automatic disable after too many).
 */
@ProviderType
public interface PluginHost {
  /** Calls every service of {@code extensionPoint} offered by the tenant's enabled plugins. */
  <T, R> List<PluginOutcome<R>> callAll(
      TenantContext tenant, Class<T> extensionPoint, BiFunction<T, PluginContext, R> call);

  /**
   * Calls the services of {@code extensionPoint} of one plugin (the first that answers without
   * failing); a failed outcome when the tenant does not have the plugin enabled.
   */
  <T, R> PluginOutcome<R> call(
      TenantContext tenant, String pluginId, Class<T> extensionPoint, BiFunction<T, PluginContext, R> call);
}
