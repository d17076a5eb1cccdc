package com.ngx.api.plugin;

/**
 * The manifest headers by which a bundle declares itself a plugin.
 *
 * <p>A plugin's {@code bnd.bnd} sets them, for example:
 *
 * <pre>
 * NGX-Plugin-Id: webhook-lead-sink
 * NGX-Plugin-Name: Signed webhook lead sink
 * NGX-Plugin-Category: integration
 * NGX-Plugin-Publisher: NGX Labs
 * NGX-Plugin-Data: Delivery log of every lead sent (kept per tenant)
 * </pre>
 *
 * The marketplace checks them at certification: the id must equal the listing's plugin id and
 * stays the same across versions.
 */
public interface PluginHeaders {
  /** The plugin's id: 3–40 lowercase letters, digits and hyphens, starting with a letter. */
  String ID = "NGX-Plugin-Id";
  /** The plugin's display name. */
  String NAME = "NGX-Plugin-Name";
  /** One of the {@link PluginCategory} values, in lowercase with hyphens. */
  String CATEGORY = "NGX-Plugin-Category";
  /** The publisher's display name. */
  String PUBLISHER = "NGX-Plugin-Publisher";
  /**
   * What the plugin keeps in its {@link PluginData} area, in one sentence. Shown to a tenant when
   * it uninstalls and chooses to retain, export or purge that data. Absent: the plugin keeps none.
   */
  String DATA = "NGX-Plugin-Data";
}
