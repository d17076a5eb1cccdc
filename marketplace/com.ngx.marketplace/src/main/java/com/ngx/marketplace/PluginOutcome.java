package com.ngx.marketplace;

/**
 * The result of one contained plugin call.
 *
 * @param pluginId the plugin called
 * @param version its version
 * @param ok whether it answered without failing
 * @param value its answer (null when it failed)
 * @param error what went wrong (null when ok): an exception, a timeout, or the plugin being unavailable
 */
public record PluginOutcome<R>(String pluginId, String version, boolean ok, R value, String error) {}
