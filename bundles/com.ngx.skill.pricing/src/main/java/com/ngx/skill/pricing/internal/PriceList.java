package com.ngx.skill.pricing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's {@link PricingSettings}, checked, and the price computation.
 *
 * <p>The monthly price is {@code unitPrice × seats × (100 − volume discount) / 100}; the annual
 * price is {@code monthly × 12 × (100 − annual discount) / 100}, computed from the rounded monthly
 * price that the customer sees. Each is rounded once, half-even, to the currency's minor unit.
 *
 * @param currency the currency
 * @param unitPriceMinor the price per seat and month, in minor units
 * @param tiers the volume discounts, by increasing {@code minSeats}
 * @param annualDiscountPercent the discount for annual billing
 */
record PriceList(
    Currency currency, long unitPriceMinor, List<Tier> tiers, int annualDiscountPercent) {

  /** The largest seat count quoted. */
  static final int MAX_SEATS = 1_000_000;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  PriceList {
    tiers = List.copyOf(tiers);
  }

  /** The price list of the definition's defaults. */
  static PriceList defaults() {
    return of(Map.of());
  }

  /**
   * Reads {@code settings} as the platform hands them over; a missing setting takes its default.
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  static PriceList of(Map<String, Object> settings) {
    long unitPriceMinor =
        longValue(settings, "unitPriceMinor", PricingSettings.DEFAULT_UNIT_PRICE_MINOR);
    if (unitPriceMinor < 0) {
      throw new IllegalArgumentException("unitPriceMinor must not be negative");
    }
    Currency currency =
        currency(settings.getOrDefault("currency", PricingSettings.DEFAULT_CURRENCY));
    Object discounts =
        settings.getOrDefault("volumeDiscounts", PricingSettings.DEFAULT_VOLUME_DISCOUNTS);
    List<Tier> tiers = parseTiers(discounts == null ? "" : discounts.toString());
    long annual =
        longValue(
            settings, "annualDiscountPercent", PricingSettings.DEFAULT_ANNUAL_DISCOUNT_PERCENT);
    if (annual < 0 || annual > 100) {
      throw new IllegalArgumentException("annualDiscountPercent must be from 0 to 100");
    }
    return new PriceList(currency, unitPriceMinor, tiers, (int) annual);
  }

  /**
   * Parses volume discounts such as {@code 10:5,50:10,200:15}: minimum seats (at least 1, strictly
   * increasing) and percent off (0–100, decimals allowed). Blank means none.
   *
   * @throws IllegalArgumentException naming {@code volumeDiscounts} and the bad part
   */
  static List<Tier> parseTiers(String text) {
    List<Tier> tiers = new ArrayList<>();
    if (text.isBlank()) {
      return tiers;
    }
    for (String part : text.split(",", -1)) {
      String[] pair = part.split(":", -1);
      if (pair.length != 2) {
        throw badTier(part, "expected minimum seats:percent off");
      }
      int minSeats;
      BigDecimal percent;
      try {
        minSeats = Integer.parseInt(pair[0].strip());
        percent = new BigDecimal(pair[1].strip());
      } catch (NumberFormatException e) {
        throw badTier(part, "expected minimum seats:percent off");
      }
      if (minSeats < 1) {
        throw badTier(part, "minimum seats must be at least 1");
      }
      if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
        throw badTier(part, "percent off must be from 0 to 100");
      }
      if (!tiers.isEmpty() && tiers.get(tiers.size() - 1).minSeats() >= minSeats) {
        throw badTier(part, "minimum seats must increase");
      }
      tiers.add(new Tier(minSeats, percent));
    }
    return tiers;
  }

  /** The list price per seat and month. */
  BigDecimal unitPrice() {
    return BigDecimal.valueOf(unitPriceMinor, currency.getDefaultFractionDigits());
  }

  /** The volume discount for {@code seats}: that of the highest tier reached, else 0. */
  BigDecimal discountPercent(int seats) {
    BigDecimal percent = BigDecimal.ZERO;
    for (Tier t : tiers) {
      if (seats >= t.minSeats()) {
        percent = t.percentOff();
      }
    }
    return percent;
  }

  /** The price of {@code seats} seats, 1 to {@link #MAX_SEATS}. */
  Quote quote(int seats) {
    if (seats < 1 || seats > MAX_SEATS) {
      throw new IllegalArgumentException("seats must be from 1 to " + MAX_SEATS);
    }
    int digits = currency.getDefaultFractionDigits();
    BigDecimal discount = discountPercent(seats);
    BigDecimal annualDiscount = BigDecimal.valueOf(annualDiscountPercent);
    // dividing by 100 is always exact, so the only rounding is the explicit one
    BigDecimal monthly =
        unitPrice()
            .multiply(BigDecimal.valueOf(seats))
            .multiply(HUNDRED.subtract(discount))
            .divide(HUNDRED)
            .setScale(digits, RoundingMode.HALF_EVEN);
    BigDecimal annual =
        monthly
            .multiply(TWELVE)
            .multiply(HUNDRED.subtract(annualDiscount))
            .divide(HUNDRED)
            .setScale(digits, RoundingMode.HALF_EVEN);
    return new Quote(seats, currency, unitPrice(), discount, monthly, annualDiscount, annual);
  }

  private static Currency currency(Object value) {
    String code = value == null ? "" : value.toString().strip().toUpperCase(Locale.ROOT);
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD");
    }
    // e.g. XAU (gold) or XXX: no minor unit to round to
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException("currency " + code + " has no minor unit");
    }
    return currency;
  }

  private static long longValue(Map<String, Object> settings, String key, long absent) {
    Object value = settings.get(key);
    if (value == null) {
      return absent;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    try {
      return Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
  }

  private static IllegalArgumentException badTier(String part, String why) {
    return new IllegalArgumentException(
        "volumeDiscounts: '" + part.strip() + "': " + why + " (e.g. 10:5,50:10)");
  }
}
