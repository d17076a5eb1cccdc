package com.ngx.billing.internal.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Percentage tax on an amount in minor units.
 *
 * <p>Rounding rule: commercial rounding, to the nearest minor unit with ties away from zero ({@link
 * RoundingMode#HALF_UP}), which is what tax authorities and invoices usually expect. It is symmetric:
 * the tax of a negative base (a credit note) is exactly the negated tax of the positive base, so a
 * reversal cancels its invoice to the cent.
 */
public final class Tax {

  /** Most decimals a rate may have, e.g. 8.8750 %. */
  public static final int MAX_RATE_DECIMALS = 4;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Tax() {}

  /**
   * One tax line of an invoice.
   *
   * @param name the tax's label, e.g. "VAT 21%"
   * @param ratePercent the rate in percent, 0–100, at most 4 decimals
   * @param baseMinor the taxed amount in minor units
   * @param taxMinor {@link Tax#tax(long, BigDecimal)} of base and rate, rounded HALF_UP
   */
  public record TaxLine(String name, BigDecimal ratePercent, long baseMinor, long taxMinor) {
    /** Rejects a missing name or rate. No rounding here; see {@link Tax#line}. */
    public TaxLine {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(ratePercent, "ratePercent");
    }
  }

  /**
   * Returns {@code baseMinor × ratePercent / 100} rounded to the nearest minor unit, ties away from
   * zero (HALF_UP); e.g. 21 % of 250 is 52.5 → 53, and of −250 is −53 (always {@code −tax(|base|)}).
   * The product is exact; only the final result is rounded.
   *
   * @param baseMinor the taxed amount, may be negative
   * @param ratePercent 0 to 100 inclusive, at most 4 decimals (trailing zeros do not count)
   * @return the tax in minor units, with the sign of the base
   * @throws IllegalArgumentException if the rate is out of range or has more than 4 decimals
   */
  public static long tax(long baseMinor, BigDecimal ratePercent) {
    requireRate(ratePercent);
    // HALF_UP on BigDecimal rounds ties away from zero, hence symmetric for negative bases; the
    // result's magnitude is at most |base|, so it always fits a long.
    return BigDecimal.valueOf(baseMinor)
        .multiply(ratePercent)
        .movePointLeft(2)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /**
   * Returns the tax line for {@code baseMinor} at {@code ratePercent}; its tax is {@link #tax(long,
   * BigDecimal)}, rounded HALF_UP.
   *
   * @param name the tax's label
   * @param ratePercent 0 to 100 inclusive, at most 4 decimals
   * @param baseMinor the taxed amount in minor units
   * @return the line
   * @throws IllegalArgumentException if the rate is out of range or has more than 4 decimals
   */
  public static TaxLine line(String name, BigDecimal ratePercent, long baseMinor) {
    Objects.requireNonNull(name, "name");
    return new TaxLine(name, ratePercent, baseMinor, tax(baseMinor, ratePercent));
  }

  static void requireRate(BigDecimal ratePercent) {
    Objects.requireNonNull(ratePercent, "ratePercent");
    if (ratePercent.signum() < 0 || ratePercent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "tax rate must be between 0 and 100 percent, was " + ratePercent.toPlainString());
    }
    if (ratePercent.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
      throw new IllegalArgumentException(
          "tax rate may have at most " + MAX_RATE_DECIMALS + " decimals, was "
              + ratePercent.toPlainString());
    }
  }
}
