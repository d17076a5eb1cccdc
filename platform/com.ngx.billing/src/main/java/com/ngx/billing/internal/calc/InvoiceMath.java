package com.ngx.billing.internal.calc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Invoice totals and the use of a customer's credit balance.
 *
 * <p>Rounding rule: tax is computed once, on the subtotal, with {@link Tax#tax} (HALF_UP), not per
 * line and summed, so an invoice has exactly one rounding step. Sums are exact and throw on overflow.
 */
public final class InvoiceMath {

  private InvoiceMath() {}

  /**
   * An invoice's totals in minor units.
   *
   * @param subtotalMinor sum of the lines
   * @param taxMinor tax on the subtotal, rounded HALF_UP
   * @param totalMinor {@code subtotal + tax}
   */
  public record Totals(long subtotalMinor, long taxMinor, long totalMinor) {}

  /**
   * Sums the lines, taxes the subtotal once ({@link Tax#tax}, HALF_UP) and adds the tax. Lines may
   * be negative (discounts, credits); no lines give all zeros.
   *
   * @param lineAmountsMinor the lines' amounts in minor units, no {@code null} elements
   * @param taxRatePercent 0 to 100, at most 4 decimals
   * @return subtotal, tax and total
   * @throws IllegalArgumentException if the rate is invalid (see {@link Tax#tax})
   * @throws ArithmeticException if a sum does not fit a {@code long}
   */
  public static Totals totals(List<Long> lineAmountsMinor, BigDecimal taxRatePercent) {
    Objects.requireNonNull(lineAmountsMinor, "lineAmountsMinor");
    long subtotal = 0;
    for (Long line : lineAmountsMinor) {
      subtotal = Math.addExact(subtotal, Objects.requireNonNull(line, "line amount"));
    }
    long tax = Tax.tax(subtotal, taxRatePercent);
    return new Totals(subtotal, tax, Math.addExact(subtotal, tax));
  }

  /**
   * Returns how much of a credit balance pays an invoice total: {@code min(total, credit)}, and 0
   * when the total is 0 or negative (nothing to pay). No rounding; the result never exceeds either
   * argument.
   *
   * @param totalMinor the invoice total
   * @param creditBalanceMinor the customer's credit balance, 0 or more
   * @return the credit to apply, between 0 and {@code creditBalanceMinor}
   * @throws IllegalArgumentException if the credit balance is negative
   */
  public static long applyCredit(long totalMinor, long creditBalanceMinor) {
    if (creditBalanceMinor < 0) {
      throw new IllegalArgumentException(
          "credit balance must be >= 0, was " + creditBalanceMinor);
    }
    return totalMinor <= 0 ? 0 : Math.min(totalMinor, creditBalanceMinor);
  }
}
