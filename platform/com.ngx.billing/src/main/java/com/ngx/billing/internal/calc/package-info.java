/**
 * Billing arithmetic: money conversion and formatting, shares, proration, tax, invoice totals,
 * revenue share, commissions and the dunning retry schedule.
 *
 * <p>Pure functions without OSGi or JPA, so they are unit-tested with plain JUnit. All amounts are
 * {@code long} minor units of one currency (cents for USD, yen for JPY, fils for BHD). Each method
 * states its rounding rule; arithmetic runs on {@link java.math.BigDecimal} with an explicit
 * {@link java.math.RoundingMode}, and any result that does not fit a {@code long} throws
 * {@link ArithmeticException} instead of wrapping around.
 */
package com.ngx.billing.internal.calc;
