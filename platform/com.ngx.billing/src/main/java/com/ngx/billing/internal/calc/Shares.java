package com.ngx.billing.internal.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fractions of an amount in minor units: a ratio ({@link #share}) or basis points ({@link
 * #basisPoints}).
 *
 * <p>Rounding rule: to the nearest minor unit, ties to the even neighbour ({@link
 * RoundingMode#HALF_EVEN}, banker's rounding), so over many amounts the ties do not drift one way.
 * HALF_EVEN is symmetric: {@code share(-a, n, d) == -share(a, n, d)}.
 */
public final class Shares {

  /** Basis points in a whole: 10,000 bp = 100 %. */
  public static final long BP_PER_WHOLE = 10_000L;

  private Shares() {}

  /**
   * Returns {@code amountMinor × numerator / denominator}, rounded to the nearest minor unit with
   * ties to even (HALF_EVEN); e.g. {@code share(5, 1, 2) == 2}, {@code share(15, 1, 2) == 8}. The
   * product is exact (no intermediate rounding); a numerator above the denominator is allowed.
   *
   * @param amountMinor the amount, may be negative
   * @param numerator 0 or more
   * @param denominator more than 0
   * @return the share in minor units
   * @throws IllegalArgumentException if numerator &lt; 0 or denominator ≤ 0
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long share(long amountMinor, long numerator, long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be > 0, was " + denominator);
    }
    if (numerator < 0) {
      throw new IllegalArgumentException("numerator must be >= 0, was " + numerator);
    }
    BigDecimal exact = BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(numerator));
    BigDecimal rounded = exact.divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_EVEN);
    try {
      return rounded.longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException(
          "share " + amountMinor + " × " + numerator + " / " + denominator + " overflows a long");
    }
  }

  /**
   * Returns {@code amountMinor × bp / 10,000}, rounded to the nearest minor unit with ties to even
   * (HALF_EVEN); e.g. 15 % (1500 bp) of 10 minor units is 2 (1.5 → 2), of 30 is 4 (4.5 → 4).
   *
   * @param amountMinor the amount, may be negative (the result then mirrors the positive one)
   * @param bp basis points, 0 or more (10,000 = 100 %)
   * @return the share in minor units
   * @throws IllegalArgumentException if bp &lt; 0
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long basisPoints(long amountMinor, int bp) {
    if (bp < 0) {
      throw new IllegalArgumentException("basis points must be >= 0, was " + bp);
    }
    return share(amountMinor, bp, BP_PER_WHOLE);
  }
}
