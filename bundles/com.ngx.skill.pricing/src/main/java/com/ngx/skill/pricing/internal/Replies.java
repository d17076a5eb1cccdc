package com.ngx.skill.pricing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** What the quote skill says, in English and Spanish; any other language gets English. */
final class Replies {
  private static final Locale ES = Locale.forLanguageTag("es");

  private Replies() {}

  /** {@code es} for any Spanish tag ({@code es}, {@code es-MX} …), otherwise {@code en}. */
  static String language(String tag) {
    if (tag == null) {
      return "en";
    }
    String primary = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
    return primary.equals("es") ? "es" : "en";
  }

  /** The quote, e.g. "25 seats come to USD 1,163.75 per month, with a 5% volume discount. …". */
  static String quote(String language, Quote q) {
    boolean es = language.equals("es");
    Locale locale = es ? ES : Locale.ENGLISH;
    String monthly = amount(q.monthly(), q, locale);
    String annual = amount(q.annual(), q, locale);
    String volume = percent(q.discountPercent(), locale);
    String yearly = percent(q.annualDiscountPercent(), locale);
    StringBuilder out = new StringBuilder();
    if (es) {
      out.append(count(q.seats(), locale))
          .append(q.seats() == 1 ? " usuario: " : " usuarios: ")
          .append(monthly)
          .append(" al mes");
      if (q.discountPercent().signum() > 0) {
        out.append(", con un ").append(volume).append(" de descuento por volumen");
      }
      out.append(". Con facturación anual: ").append(annual).append(" al año");
      if (q.annualDiscountPercent().signum() > 0) {
        out.append(" (").append(yearly).append(" de descuento)");
      }
    } else {
      out.append(count(q.seats(), locale))
          .append(q.seats() == 1 ? " seat comes to " : " seats come to ")
          .append(monthly)
          .append(" per month");
      if (q.discountPercent().signum() > 0) {
        out.append(", with a ").append(volume).append(" volume discount");
      }
      out.append(". Billed annually: ").append(annual).append(" per year");
      if (q.annualDiscountPercent().signum() > 0) {
        out.append(" (").append(yearly).append(" off)");
      }
    }
    return out.append('.').toString();
  }

  /** Asks for the number of seats. */
  static String askSeats(String language) {
    return language.equals("es")
        ? "¿Para cuántos usuarios necesitas el precio?"
        : "How many seats should I price?";
  }

  /** Says which seat counts can be quoted, and asks again. */
  static String outOfRange(String language) {
    String max = count(PriceList.MAX_SEATS, language.equals("es") ? ES : Locale.ENGLISH);
    return language.equals("es")
        ? "Puedo calcular precios de 1 a " + max + " usuarios. ¿Cuántos necesitas?"
        : "I can price from 1 to " + max + " seats. How many do you need?";
  }

  private static String amount(BigDecimal value, Quote q, Locale locale) {
    int digits = q.currency().getDefaultFractionDigits();
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setGroupingUsed(true);
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    // a DecimalFormat formats a BigDecimal exactly, without a detour through double
    String number = f.format(value);
    String code = q.currency().getCurrencyCode();
    // the ISO code rather than a symbol: "$" alone is ambiguous across the Americas
    return locale == ES ? number + " " + code : code + " " + number;
  }

  private static String percent(BigDecimal value, Locale locale) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMaximumFractionDigits(2);
    // Spanish writes a space before the percent sign (a plain one: SMS has no no-break space)
    return f.format(value) + (locale == ES ? " %" : "%");
  }

  private static String count(long n, Locale locale) {
    NumberFormat f = NumberFormat.getIntegerInstance(locale);
    f.setGroupingUsed(true);
    return f.format(n);
  }
}
