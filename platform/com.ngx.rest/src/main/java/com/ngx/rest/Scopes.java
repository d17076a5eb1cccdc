package com.ngx.rest;

import java.util.Set;

/** The scopes a tenant API key can hold; {@link #ALL} holds every one, present and future. */
public final class Scopes {

  public static final String ALL = "*";
  public static final String KEYS_READ = "keys:read";
  public static final String KEYS_WRITE = "keys:write";
  public static final String SETTINGS_READ = "settings:read";
  public static final String SETTINGS_WRITE = "settings:write";

  public static final String MARKETPLACE_READ = "marketplace:read";
  public static final String MARKETPLACE_WRITE = "marketplace:write";
  /** Calling installed add-ons' own endpoints ({@code /plugins/{pluginId}/…}). */
  public static final String PLUGINS = "plugins";

  /** Reading agents, their versions, knowledge, experiments and golden conversations. */
  public static final String AGENTS_READ = "agents:read";
  /** Creating, editing, publishing and deleting agents and their knowledge. */
  public static final String AGENTS_WRITE = "agents:write";
  /** Running conversations and reading transcripts and leads. */
  public static final String CONVERSATIONS = "conversations";

  /** Reading the plan, subscription, usage and invoices. */
  public static final String BILLING_READ = "billing:read";
  /** Changing the plan, the billing details and the payment method; cancelling. */
  public static final String BILLING_WRITE = "billing:write";

  /** Every scope a key may be given. */
  public static final Set<String> KNOWN =
      Set.of(
          ALL, KEYS_READ, KEYS_WRITE, SETTINGS_READ, SETTINGS_WRITE, MARKETPLACE_READ, MARKETPLACE_WRITE,
          PLUGINS, AGENTS_READ, AGENTS_WRITE, CONVERSATIONS, BILLING_READ, BILLING_WRITE);

  private Scopes() {}
}
