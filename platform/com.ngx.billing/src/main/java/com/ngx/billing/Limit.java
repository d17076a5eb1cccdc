package com.ngx.billing;

/** The plan limits that are enforced where the work happens. */
public enum Limit {
  /** Conversations with a prospect message per calendar month (UTC). */
  CONVERSATIONS_PER_MONTH("conversationsPerMonth"),
  /** Agents that exist (not deleted). */
  ACTIVE_AGENTS("activeAgents"),
  /** Distinct brands on the tenant's chat widgets. */
  BRANDS("brands"),
  /** Characters of text across the tenant's knowledge documents. */
  KNOWLEDGE_CHARACTERS("knowledgeCharacters");

  private final String key;

  Limit(String key) {
    this.key = key;
  }

  /** The name in plans' {@code limits} objects, e.g. {@code activeAgents}. */
  public String key() {
    return key;
  }
}
