package com.ngx.billing.internal.calc;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Calendar-day proration of a period price inside a billing period {@code [start, end)}.
 *
 * <p>Rounding rule: each prorated amount is {@link Shares#share price × days / periodDays} rounded to
 * the nearest minor unit, ties to even (HALF_EVEN). Credit and charge are rounded separately, so the
 * net of a change is the difference of two rounded amounts.
 *
 * <p>Days are whole calendar days: the day a change happens counts as a day on the new price; the
 * period's end date is the first day of the next period and does not count. A day outside the period
 * is clamped, not rejected: before the start counts as the whole period, on or after the end as no
 * day at all.
 */
public final class Proration {

  private Proration() {}

  /**
   * The money of a mid-period plan change: the unused part of the old price credited back, the
   * remaining part of the new price charged.
   *
   * @param creditMinor prorated old price, 0 or more
   * @param chargeMinor prorated new price, 0 or more
   * @param remainingDays days from the change day (inclusive) to the period end (exclusive), clamped
   *     to {@code [0, periodDays]}
   * @param periodDays days in the billing period, more than 0
   */
  public record Change(long creditMinor, long chargeMinor, long remainingDays, long periodDays) {

    /**
     * Checks the invariants listed above, so that {@link #netMinor()} cannot overflow. No rounding.
     *
     * @throws IllegalArgumentException if an amount is negative or the days are out of range
     */
    public Change {
      if (creditMinor < 0 || chargeMinor < 0) {
        throw new IllegalArgumentException(
            "credit and charge must be >= 0, were " + creditMinor + " and " + chargeMinor);
      }
      if (periodDays <= 0 || remainingDays < 0 || remainingDays > periodDays) {
        throw new IllegalArgumentException(
            "need 0 <= remainingDays <= periodDays and periodDays > 0, were " + remainingDays
                + " and " + periodDays);
      }
    }

    /**
     * Returns what the customer owes for the change: {@code charge − credit}; positive for an
     * upgrade, negative (a credit) for a downgrade. No rounding beyond that of the two parts.
     *
     * @return the net amount in minor units
     * @throws ArithmeticException if the difference does not fit a {@code long}
     */
    public long netMinor() {
      return Math.subtractExact(chargeMinor, creditMinor);
    }
  }

  /**
   * Prorates a plan change on {@code changeDay} within the period {@code [periodStart, periodEnd)}:
   * {@code credit = share(oldPrice, remaining, periodDays)}, {@code charge = share(newPrice,
   * remaining, periodDays)}, each rounded HALF_EVEN. A change on the period's first day credits and
   * charges the full prices; on its last day, one day of each. {@code changeDay} outside the period
   * is clamped (see the class comment).
   *
   * @param oldPriceMinor price of the period on the old plan, 0 or more
   * @param newPriceMinor price of the period on the new plan, 0 or more
   * @param periodStart first day of the period
   * @param periodEnd day after the period's last day, after {@code periodStart}
   * @param changeDay first day on the new plan
   * @return credit, charge and the days they are based on
   * @throws IllegalArgumentException if a price is negative or the period is empty or reversed
   */
  public static Change change(
      long oldPriceMinor,
      long newPriceMinor,
      LocalDate periodStart,
      LocalDate periodEnd,
      LocalDate changeDay) {
    requirePrice(oldPriceMinor, "old price");
    requirePrice(newPriceMinor, "new price");
    long periodDays = periodDays(periodStart, periodEnd);
    long remaining = remainingDays(changeDay, periodEnd, periodDays);
    return new Change(
        Shares.share(oldPriceMinor, remaining, periodDays),
        Shares.share(newPriceMinor, remaining, periodDays),
        remaining,
        periodDays);
  }

  /**
   * Returns the price of {@code [from, periodEnd)}, e.g. the first, partial month after a trial:
   * {@code share(price, remaining, periodDays)} rounded HALF_EVEN. {@code from} outside the period is
   * clamped (see the class comment): on the first day or before, the full price; on or after the end,
   * 0.
   *
   * @param priceMinor price of the whole period, 0 or more
   * @param from first billable day
   * @param periodStart first day of the period
   * @param periodEnd day after the period's last day, after {@code periodStart}
   * @return the prorated price in minor units
   * @throws IllegalArgumentException if the price is negative or the period is empty or reversed
   */
  public static long partial(
      long priceMinor, LocalDate from, LocalDate periodStart, LocalDate periodEnd) {
    requirePrice(priceMinor, "price");
    long periodDays = periodDays(periodStart, periodEnd);
    return Shares.share(priceMinor, remainingDays(from, periodEnd, periodDays), periodDays);
  }

  private static void requirePrice(long priceMinor, String what) {
    if (priceMinor < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, was " + priceMinor);
    }
  }

  private static long periodDays(LocalDate periodStart, LocalDate periodEnd) {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    if (!periodEnd.isAfter(periodStart)) {
      throw new IllegalArgumentException(
          "period end " + periodEnd + " must be after period start " + periodStart);
    }
    return ChronoUnit.DAYS.between(periodStart, periodEnd);
  }

  private static long remainingDays(LocalDate day, LocalDate periodEnd, long periodDays) {
    Objects.requireNonNull(day, "day");
    long remaining = ChronoUnit.DAYS.between(day, periodEnd);
    return Math.max(0, Math.min(remaining, periodDays));
  }
}
