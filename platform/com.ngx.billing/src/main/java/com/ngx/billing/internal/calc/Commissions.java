package com.ngx.billing.internal.calc;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A reseller's commission on a client's payment: one rate in the client's first year, another after.
 *
 * <p>Rounding rule: {@link Shares#basisPoints}, to the nearest minor unit with ties to even
 * (HALF_EVEN). It is symmetric, so the commission on a refund exactly reverses the commission on the
 * payment.
 */
public final class Commissions {

  private Commissions() {}

  /**
   * Returns the commission rate for a payment: {@code firstYearBp} while {@code paymentDay} is
   * before {@code clientSince.plusYears(1)}, {@code laterBp} from that anniversary day on (the
   * anniversary itself is already "later"). A client since 29 February has its anniversary on 28
   * February of a non-leap year ({@link LocalDate#plusYears}), e.g. 2024-02-29 → 2025-02-28. A
   * payment before {@code clientSince} is in the first year. No rounding.
   *
   * @param clientSince the day the client was acquired
   * @param paymentDay the day of the payment
   * @param firstYearBp rate in the first year, basis points, 0 or more
   * @param laterBp rate after the first year, basis points, 0 or more
   * @return the rate in basis points
   * @throws IllegalArgumentException if a rate is negative
   */
  public static int rateBp(LocalDate clientSince, LocalDate paymentDay, int firstYearBp, int laterBp) {
    Objects.requireNonNull(clientSince, "clientSince");
    Objects.requireNonNull(paymentDay, "paymentDay");
    if (firstYearBp < 0 || laterBp < 0) {
      throw new IllegalArgumentException(
          "commission rates must be >= 0 bp, were " + firstYearBp + " and " + laterBp);
    }
    return paymentDay.isBefore(clientSince.plusYears(1)) ? firstYearBp : laterBp;
  }

  /**
   * Returns {@code paymentMinor × rateBp / 10,000}, rounded HALF_EVEN. A negative payment (refund,
   * chargeback) gives the exact negation: {@code amount(-p, r) == -amount(p, r)}.
   *
   * @param paymentMinor the payment in minor units, negative for a reversal
   * @param rateBp the rate in basis points, 0 or more
   * @return the commission in minor units
   * @throws IllegalArgumentException if the rate is negative
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long amount(long paymentMinor, int rateBp) {
    return Shares.basisPoints(paymentMinor, rateBp);
  }
}
