package com.ngx.skill.pricing.internal;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A computed price; amounts are rounded to the currency's minor unit.
 *
 * @param seats the number of seats
 * @param currency the currency
 * @param unitPrice the list price per seat and month
 * @param discountPercent the volume discount applied
 * @param monthly the price per month, after the volume discount
 * @param annualDiscountPercent the discount for annual billing
 * @param annual the price per year when billed annually: twelve months less that discount
 */
record Quote(
    int seats,
    Currency currency,
    BigDecimal unitPrice,
    BigDecimal discountPercent,
    BigDecimal monthly,
    BigDecimal annualDiscountPercent,
    BigDecimal annual) {

  /**
   * The quote's JSON members (without braces): amounts as decimal strings, percentages as numbers,
   * and what is due per billing period ({@code total}) for monthly or annual billing.
   */
  String jsonMembers(boolean annualBilling) {
    return "\"seats\":"
        + seats
        + ",\"currency\":"
        + Json.string(currency.getCurrencyCode())
        + ",\"unitPrice\":"
        + Json.string(unitPrice.toPlainString())
        + ",\"discountPercent\":"
        + number(discountPercent)
        + ",\"monthly\":"
        + Json.string(monthly.toPlainString())
        + ",\"annualDiscountPercent\":"
        + number(annualDiscountPercent)
        + ",\"annual\":"
        + Json.string(annual.toPlainString())
        + ",\"billing\":"
        + Json.string(annualBilling ? "annual" : "monthly")
        + ",\"total\":"
        + Json.string((annualBilling ? annual : monthly).toPlainString());
  }

  private static String number(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
