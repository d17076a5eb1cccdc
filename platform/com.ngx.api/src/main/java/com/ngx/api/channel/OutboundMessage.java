package com.ngx.api.channel;

import java.util.Map;

/**
 * A message from an agent to a prospect.
 *
 * @param conversationId the conversation it belongs to
 * @param recipient the prospect's address on the medium (phone number, email address …)
 * @param text the message text
 * @param metadata medium-specific extras (may be empty)
 */
public record OutboundMessage(String conversationId, String recipient, String text, Map<String, String> metadata) {
  public OutboundMessage {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
