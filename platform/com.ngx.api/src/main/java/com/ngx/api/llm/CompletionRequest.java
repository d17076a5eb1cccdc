package com.ngx.api.llm;

import java.util.List;

/**
 * A chat to complete.
 *
 * @param messages the chat so far, oldest first
 * @param temperature sampling temperature, 0–2
 * @param maxTokens the most tokens to generate
 */
public record CompletionRequest(List<ChatMessage> messages, double temperature, int maxTokens) {
  public CompletionRequest {
    messages = List.copyOf(messages);
  }
}
