package com.ngx.api.plugin;

import java.util.Locale;

/** What kind of add-on a plugin is; the catalog filters by it. */
public enum PluginCategory {
  /** Industry content from which agents are built. */
  VERTICAL_TEMPLATE,
  /** A connection to another system: CRM, payments, language model, webhook. */
  INTEGRATION,
  /** A conversation channel: WhatsApp, SMS, voice, email. */
  CHANNEL,
  /** A custom module: conversation skills, calculators, lookups. */
  MODULE;

  /** The header and JSON spelling, e.g. {@code vertical-template}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The category spelled {@code id}, e.g. {@code vertical-template}; null if there is none. */
  public static PluginCategory of(String id) {
    for (PluginCategory c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
