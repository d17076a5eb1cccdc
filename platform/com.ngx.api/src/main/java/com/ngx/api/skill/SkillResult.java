package com.ngx.api.skill;

import java.util.Map;

/**
 * What a skill answers.
 *
 * @param reply text for the prospect, in the request's language
 * @param slots slots to set in the conversation (may be empty)
 */
public record SkillResult(String reply, Map<String, String> slots) {
  public SkillResult {
    slots = slots == null ? Map.of() : Map.copyOf(slots);
  }
}
