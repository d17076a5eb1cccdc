package com.ngx.api.web;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's own HTTP endpoints, served by the platform under
 * {@code /api/v1/plugins/{pluginId}/…} to callers with a tenant API key of a tenant that has the
 * plugin installed and enabled (everyone else gets 404), and webhooks under
 * {@code /api/v1/plugins/{pluginId}/hooks/{installationId}/…} without a key (the plugin verifies
 * the sender, e.g. with a signature).
 *
 * <p>The platform authenticates, binds the tenant, enforces the body size limit and the call
 * timeout, and counts failures; the plugin only answers. Register at most one per plugin.
 */
@ConsumerType
public interface WebResource {
  /** Answers one request. An exception becomes a 502 problem for the caller. */
  WebResponse handle(PluginContext context, WebRequest request);
}
