package com.ngx.api.event;

import com.ngx.api.plugin.PluginContext;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Listens to the platform's domain events of the tenants that have the plugin installed and
 * enabled. Events are delivered after the change that caused them is committed, one at a time
 * per tenant, within the call timeout.
 */
@ConsumerType
public interface EventListener {
  /** The event types wanted (see {@link EventTypes}); empty means all. */
  Set<String> types();

  /** Handles one event; throwing counts as a failure of the plugin for this tenant. */
  void onEvent(PluginContext context, DomainEvent event);
}
