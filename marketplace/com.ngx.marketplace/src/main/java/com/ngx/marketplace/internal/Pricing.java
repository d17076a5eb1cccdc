package com.ngx.marketplace.internal;

import com.ngx.rest.Validator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * How a listing is priced: free, a one-off price, a monthly price, or a price per usage unit;
 * amounts in the currency's minor units; optional trial days before charging starts.
 *
 * @param model {@code free}, {@code one-off}, {@code monthly} or {@code per-usage}
 * @param amountMinor the price in minor units (0 when free)
 * @param currency ISO 4217 code
 * @param unit what one usage unit is (per-usage only), e.g. {@code lead}
 * @param trialDays days of free use before charges start (0: none)
 */
public record Pricing(String model, long amountMinor, String currency, String unit, int trialDays) {
  public static final String FREE = "free";
  public static final String ONE_OFF = "one-off";
  public static final String MONTHLY = "monthly";
  public static final String PER_USAGE = "per-usage";
  static final Set<String> MODELS = Set.of(FREE, ONE_OFF, MONTHLY, PER_USAGE);

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isFree() {
    return FREE.equals(model);
  }

  /** The price as a decimal in its currency, e.g. {@code 19.00}. */
  public BigDecimal amount() {
    return BigDecimal.valueOf(amountMinor, Currency.getInstance(currency).getDefaultFractionDigits());
  }

  /**
   * Validates and normalizes what a publisher sent, recording problems under {@code pricing.*}.
   *
   * @param price a decimal amount in the currency (e.g. "19.99"), or null
   * @param amountMinor the amount in minor units, or null (either this or price)
   */
  public static Pricing of(
      Validator v, String model, String price, Long amountMinor, String currency, String unit, Integer trialDays) {
    String m = model == null ? null : model.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    if ("oneoff".equals(m) || "one-time".equals(m)) {
      m = ONE_OFF;
    }
    if (m == null || !MODELS.contains(m)) {
      v.error("pricing.model", "must be one of free, one-off, monthly, per-usage");
      return null;
    }
    String cur = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(Locale.ROOT);
    Currency c = null;
    try {
      c = Currency.getInstance(cur);
    } catch (IllegalArgumentException e) {
      v.error("pricing.currency", "must be an ISO 4217 currency code");
    }
    int trial = trialDays == null ? 0 : trialDays;
    v.require("pricing.trialDays", trial >= 0 && trial <= 365, "must be between 0 and 365");
    long minor = 0;
    if (!FREE.equals(m) && c != null) {
      if (amountMinor != null) {
        minor = amountMinor;
      } else if (price != null) {
        try {
          BigDecimal d = new BigDecimal(price.strip());
          if (d.scale() > c.getDefaultFractionDigits()) {
            v.error("pricing.price", "has more decimals than " + cur + " allows");
          } else {
            minor = d.setScale(c.getDefaultFractionDigits(), RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
          }
        } catch (NumberFormatException | ArithmeticException e) {
          v.error("pricing.price", "must be a decimal amount such as 19.99");
        }
      } else {
        v.error("pricing.price", "is required unless the add-on is free");
      }
      v.require("pricing.price", minor > 0 && minor <= 100_000_000_00L, "must be positive and at most 100,000,000");
    }
    String u = unit == null || unit.isBlank() ? null : unit.strip();
    if (PER_USAGE.equals(m)) {
      if (u == null) {
        v.error("pricing.unit", "is required for per-usage pricing, e.g. lead");
      } else {
        v.requireText("pricing.unit", u, 40);
      }
    }
    return c == null ? null : new Pricing(m, minor, cur, PER_USAGE.equals(m) ? u : null, FREE.equals(m) ? 0 : trial);
  }
}
