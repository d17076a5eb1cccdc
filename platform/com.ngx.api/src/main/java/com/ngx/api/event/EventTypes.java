package com.ngx.api.event;

/** The domain event types the platform publishes. */
public interface EventTypes {
  String CONVERSATION_STARTED = "conversation.started";
  String LEAD_QUALIFIED = "lead.qualified";
  String CONVERSION = "conversion";
  String HANDOFF = "handoff";
  String PLUGIN_INSTALLED = "plugin.installed";
  String PLUGIN_UPGRADED = "plugin.upgraded";
  String PLUGIN_UNINSTALLED = "plugin.uninstalled";
}
