package com.ngx.api.channel;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Carries an agent's messages to prospects over one medium (WhatsApp, SMS, email, voice).
 * Inbound messages reach the platform through the plugin's {@code WebResource} webhook.
 */
@ConsumerType
public interface Channel {
  /** The medium, e.g. {@code whatsapp}: 1–40 of [a-z0-9-]. */
  String channelType();

  /** Sends one message; throws if the medium refused it. */
  void send(PluginContext context, OutboundMessage message);
}
