package com.ngx.api.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A prospect qualified by an agent.
 *
 * @param id the lead's stable id (deliveries of the same lead carry the same id)
 * @param agentId the agent that qualified it
 * @param conversationId the conversation in which it was qualified
 * @param name the prospect's name, if given
 * @param email the prospect's email, if given
 * @param phone the prospect's phone, if given
 * @param company the prospect's company, if given
 * @param score the lead score, 0–100
 * @param fields every other captured slot (company size, budget, timeline, custom slots)
 * @param summary a short summary of the conversation for a human
 * @param qualifiedAt when the lead was qualified
 */
public record Lead(
    String id,
    String agentId,
    String conversationId,
    String name,
    String email,
    String phone,
    String company,
    int score,
    Map<String, String> fields,
    String summary,
    Instant qualifiedAt) {
  public Lead {
    Objects.requireNonNull(id, "id");
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }
}
