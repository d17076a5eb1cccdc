package com.ngx.api.plugin;

import com.ngx.api.tenant.TenantContext;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Everything a plugin may know and touch during one call: the tenant it serves, that tenant's
 * settings for the plugin, the plugin's data area for that tenant and its usage meter.
 *
 * <p>The platform creates one for every call it routes to a plugin, for a tenant that has the
 * plugin installed and enabled. A context is valid for its call only; do not keep it. Nothing
 * reachable from it belongs to another tenant.
 */
@ProviderType
public interface PluginContext {
  /** The tenant the call is for. */
  TenantContext tenant();

  /** The plugin's own id ({@link PluginHeaders#ID}). */
  String pluginId();

  /** The plugin version serving this call. */
  String pluginVersion();

  /**
   * The tenant's settings for this plugin, validated against the plugin's Metatype object class
   * definition: keys are attribute ids, values are {@code String}, {@code Long}, {@code Integer},
   * {@code Double}, {@code Boolean} (or a {@code List} of them when the cardinality allows many),
   * with the definition's defaults filled in. Password attributes are given in clear here.
   */
  Map<String, Object> settings();

  /** The plugin's data area for this tenant. */
  PluginData data();

  /** Records billable usage for per-usage priced plugins. */
  PluginUsage usage();
}
