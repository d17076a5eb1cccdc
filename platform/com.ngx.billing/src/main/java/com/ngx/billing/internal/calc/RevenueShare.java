package com.ngx.billing.internal.calc;

/**
 * A partner's revenue-share charge for a period: a percentage of the revenue attributed to the
 * partner, but at least a minimum.
 *
 * <p>Rounding rule: the share is {@link Shares#basisPoints} of the attributed revenue, rounded to
 * the nearest minor unit with ties to even (HALF_EVEN); the minimum is then compared with the
 * rounded share.
 */
public final class RevenueShare {

  private RevenueShare() {}

  /**
   * A computed revenue share.
   *
   * @param attributedMinor the revenue the share was computed on; a negative input is recorded as 0
   * @param shareBasisPoints the share rate in basis points
   * @param shareMinor {@code basisPoints(attributed, shareBasisPoints)}, rounded HALF_EVEN
   * @param minimumMinor the minimum charge
   * @param chargeMinor {@code max(share, minimum)}
   * @param minimumApplied true when the minimum is strictly above the share, i.e. the charge is the
   *     minimum and not the share; false when they are equal
   */
  public record Result(
      long attributedMinor,
      int shareBasisPoints,
      long shareMinor,
      long minimumMinor,
      long chargeMinor,
      boolean minimumApplied) {}

  /**
   * Computes {@code charge = max(basisPoints(attributed, shareBp), minimum)}, the share rounded
   * HALF_EVEN. Negative attributed revenue (refunds exceeding sales) is treated as 0, so the charge is
   * the minimum and never negative.
   *
   * @param attributedRevenueMinor revenue attributed to the partner in the period
   * @param shareBp the share in basis points, 0 or more (1,000 = 10 %)
   * @param minimumMinor minimum charge, 0 or more
   * @return the share, the charge and whether the minimum applied
   * @throws IllegalArgumentException if shareBp or minimumMinor is negative
   * @throws ArithmeticException if the share does not fit a {@code long}
   */
  public static Result compute(long attributedRevenueMinor, int shareBp, long minimumMinor) {
    if (minimumMinor < 0) {
      throw new IllegalArgumentException("minimum must be >= 0, was " + minimumMinor);
    }
    long attributed = Math.max(0, attributedRevenueMinor);
    long share = Shares.basisPoints(attributed, shareBp);
    boolean minimumApplied = minimumMinor > share;
    return new Result(
        attributed,
        shareBp,
        share,
        minimumMinor,
        minimumApplied ? minimumMinor : share,
        minimumApplied);
  }
}
