package com.ngx.skill.pricing.internal;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a seat count in what a prospect wrote, e.g. "about 1,200 people" or "unos 50". */
final class Seats {
  private static final Pattern TOKEN = Pattern.compile("\\d[\\d.,]*");
  /** Thousands grouped with ',' (English) or '.' (Spanish), the same separator throughout. */
  private static final Pattern GROUPED =
      Pattern.compile("\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:\\.\\d{3})+");
  private static final Pattern LEADING_DIGITS = Pattern.compile("\\d+");

  private Seats() {}

  /**
   * The first whole number in {@code text}: "1,200" and "1.200" are 1200, "2.5" is 2 and "50," at
   * the end of a clause is 50. Empty if there is none, or it has more than 18 digits.
   */
  static OptionalLong firstNumber(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    Matcher token = TOKEN.matcher(text);
    if (!token.find()) {
      return OptionalLong.empty();
    }
    // a full stop or comma after the number ends the sentence or clause
    String t = token.group().replaceAll("[.,]+$", "");
    String digits;
    if (GROUPED.matcher(t).matches()) {
      digits = t.replace(",", "").replace(".", "");
    } else {
      Matcher leading = LEADING_DIGITS.matcher(t);
      leading.lookingAt();
      digits = leading.group();
    }
    if (digits.length() > 18) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(digits));
  }
}
