package com.ngx.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of metered work, recorded exactly once.
 *
 * @param id unique per tenant and stable across retries (1–120 characters), e.g.
 *     {@code conversation:<id>}; recording the same id again changes nothing
 * @param kind {@link #CONVERSATION}; {@code addon:<pluginId>} for an add-on's usage units; {@code
 *     revenue:<CURRENCY>} for revenue attributed to the tenant's agents (quantity in minor units)
 * @param quantity units, at least 1
 * @param occurredAt when the work happened, by the {@link BillingClock}; decides the period
 */
public record UsageEvent(String id, String kind, long quantity, Instant occurredAt) {
  /** A conversation that has at least one message from the prospect. */
  public static final String CONVERSATION = "conversation";

  /** The prefix of add-on usage kinds: {@code addon:<pluginId>}. */
  public static final String ADDON_PREFIX = "addon:";

  /**
   * The prefix of revenue kinds: {@code revenue:USD} with the conversion's value in minor units as
   * the quantity (the revenue-share plan charges a share of it).
   */
  public static final String REVENUE_PREFIX = "revenue:";

  public UsageEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (id.isEmpty() || id.length() > 120) {
      throw new IllegalArgumentException("id must be 1-120 characters");
    }
    if (kind.isEmpty() || kind.length() > 60) {
      throw new IllegalArgumentException("kind must be 1-60 characters");
    }
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1");
    }
  }
}
