package com.ngx.billing.internal.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * Conversion between decimal amounts and {@code long} minor units of an ISO 4217 currency, and a
 * fixed, locale-independent display format.
 *
 * <p>Rounding rule: none. Conversions are exact; an amount with more decimals than the currency
 * has is rejected rather than rounded.
 */
public final class Money {

  private Money() {}

  /**
   * Returns the number of minor-unit digits of a currency, e.g. 2 for USD and EUR, 0 for JPY, 3 for
   * BHD and KWD ({@link Currency#getDefaultFractionDigits()}). No rounding.
   *
   * @param currency ISO 4217 code in upper case, e.g. {@code "USD"}
   * @return the currency's fraction digits, 0 or more
   * @throws IllegalArgumentException if the code is unknown, or the currency has no minor unit (e.g.
   *     XAU, XXX)
   */
  public static int digits(String currency) {
    int digits = currency(currency).getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException("currency " + currency + " has no minor unit");
    }
    return digits;
  }

  /**
   * Converts a decimal amount to minor units, e.g. 14.97 USD to 1497. Exact, never rounds: trailing
   * zeros beyond the currency's digits are accepted (12.500 USD is 1250), any other extra decimal is
   * rejected.
   *
   * @param amount the amount in major units
   * @param currency ISO 4217 code
   * @return the amount in minor units
   * @throws IllegalArgumentException if the amount has more decimals than the currency allows, or
   *     the currency is not usable (see {@link #digits(String)})
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long toMinor(BigDecimal amount, String currency) {
    Objects.requireNonNull(amount, "amount");
    int digits = digits(currency);
    BigDecimal scaled;
    try {
      scaled = amount.setScale(digits, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount " + amount.toPlainString() + " has more decimals than the " + digits
              + " that " + currency + " allows",
          e);
    }
    try {
      return scaled.unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException(
          "amount " + amount.toPlainString() + " " + currency + " does not fit a long in minor units");
    }
  }

  /**
   * Converts minor units to a decimal amount with the currency's scale, e.g. 1497 USD to 14.97 and
   * 1200 JPY to 1200. Exact, no rounding.
   *
   * @param minor the amount in minor units
   * @param currency ISO 4217 code
   * @return the amount in major units, scale = {@link #digits(String)}
   * @throws IllegalArgumentException if the currency is not usable (see {@link #digits(String)})
   */
  public static BigDecimal toDecimal(long minor, String currency) {
    return BigDecimal.valueOf(minor, digits(currency));
  }

  /**
   * Formats minor units as {@code CODE [-]d,ddd.dd}, the same in every locale: the currency code, a
   * space, a minus sign for negative amounts, the integer part grouped by three with commas, and a
   * dot before the currency's decimals (none for JPY). Examples: {@code USD 1,497.00}, {@code EUR
   * -12.50}, {@code JPY 1,200}, {@code BHD 1.005}. Exact, no rounding.
   *
   * @param minor the amount in minor units
   * @param currency ISO 4217 code
   * @return the formatted amount
   * @throws IllegalArgumentException if the currency is not usable (see {@link #digits(String)})
   */
  public static String format(long minor, String currency) {
    // BigDecimal rather than Math.abs so that Long.MIN_VALUE formats too
    String plain = toDecimal(minor, currency).abs().toPlainString();
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot);
    StringBuilder out = new StringBuilder(currency.length() + plain.length() + 8);
    out.append(currency).append(' ');
    if (minor < 0) {
      out.append('-');
    }
    for (int i = 0; i < integer.length(); i++) {
      if (i > 0 && (integer.length() - i) % 3 == 0) {
        out.append(',');
      }
      out.append(integer.charAt(i));
    }
    return out.append(fraction).toString();
  }

  private static Currency currency(String code) {
    Objects.requireNonNull(code, "currency");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown ISO 4217 currency code: " + code, e);
    }
  }
}
