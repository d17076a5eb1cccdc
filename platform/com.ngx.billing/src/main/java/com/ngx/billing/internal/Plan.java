package com.ngx.billing.internal;

import com.ngx.billing.Limit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One version of a plan: price, limits and features. Amounts are minor units of {@code currency}.
 *
 * @param priceMinor the monthly price; null when it is agreed per customer (enterprise)
 * @param limits every {@link Limit}; a null value is unlimited
 * @param overagePriceMinor the price of each conversation over the monthly limit; null: hard stop
 * @param revenueShareBp the share of attributed revenue charged monthly (basis points), or null
 * @param minimumMinor the monthly minimum of a revenue-share plan, or null
 */
public record Plan(
    String id,
    int version,
    String name,
    Long priceMinor,
    String currency,
    int trialDays,
    Map<Limit, Long> limits,
    Long overagePriceMinor,
    Integer revenueShareBp,
    Long minimumMinor,
    Map<String, Object> features,
    boolean publicPlan,
    boolean archived,
    int position) {

  public Plan {
    EnumMap<Limit, Long> all = new EnumMap<>(Limit.class);
    for (Limit l : Limit.values()) {
      all.put(l, limits == null ? null : limits.get(l));
    }
    limits = Collections.unmodifiableMap(all);
    features = features == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
  }

  /** The limit, or null when unlimited. */
  public Long limit(Limit limit) {
    return limits.get(limit);
  }

  /** Whether the price is agreed per customer. */
  public boolean custom() {
    return priceMinor == null;
  }

  public boolean free() {
    return priceMinor != null && priceMinor == 0 && revenueShareBp == null;
  }

  /** Whether the chat widget shows the platform's branding on this plan. */
  public boolean platformBranding() {
    return Boolean.TRUE.equals(features.get("platformBranding"));
  }
}
