package com.ngx.api.skill;

import java.util.Map;

/**
 * One call of a skill from a conversation.
 *
 * @param conversationId the conversation (null when called outside one, e.g. from the API)
 * @param language the conversation's language, an IETF tag such as {@code en} or {@code es}
 * @param input the prospect's message that led to the call
 * @param slots what the conversation has captured so far (name, company size, budget …)
 */
public record SkillRequest(String conversationId, String language, String input, Map<String, String> slots) {
  public SkillRequest {
    slots = slots == null ? Map.of() : Map.copyOf(slots);
  }
}
