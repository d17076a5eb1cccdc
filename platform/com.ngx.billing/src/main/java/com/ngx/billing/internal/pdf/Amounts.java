package com.ngx.billing.internal.pdf;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Locale-independent number formatting for invoices: comma grouping, a dot before the fraction and
 * the ISO currency code after the amount ({@code 1,497.00 USD}).
 */
final class Amounts {
  // beyond this many digits either side of the point a number is shown in scientific notation
  // rather than expanded (1E+1000000 would be a megabyte of zeros)
  private static final int MAX_PLAIN_DIGITS = 30;

  private Amounts() {}

  /**
   * The amount of {@code minor} units of {@code currency}, exact, with the currency's default
   * fraction digits (none for a currency such as XAU that has no minor unit).
   */
  static String money(long minor, Currency currency) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return grouped(BigDecimal.valueOf(minor, digits)) + " " + currency.getCurrencyCode();
  }

  /** A quantity or rate without trailing zeros: {@code 1,000}, {@code 7.5}. */
  static String number(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    int integerDigits = v.precision() - v.scale();
    if (integerDigits > MAX_PLAIN_DIGITS || v.scale() > MAX_PLAIN_DIGITS) {
      return v.toString();
    }
    return grouped(v);
  }

  private static String grouped(BigDecimal v) {
    String plain = v.abs().toPlainString();
    int point = plain.indexOf('.');
    String integer = point < 0 ? plain : plain.substring(0, point);
    StringBuilder out = new StringBuilder(plain.length() + plain.length() / 3 + 1);
    if (v.signum() < 0) {
      out.append('-');
    }
    int head = integer.length() % 3 == 0 ? 3 : integer.length() % 3;
    out.append(integer, 0, head);
    for (int i = head; i < integer.length(); i += 3) {
      out.append(',').append(integer, i, i + 3);
    }
    if (point >= 0) {
      out.append(plain, point, plain.length());
    }
    return out.toString();
  }
}
