package com.ngx.billing.internal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountsTest {

  @ParameterizedTest
  @CsvSource({
    // two fraction digits, grouped
    "149700, USD, '1,497.00 USD'",
    // below one unit
    "5, EUR, '0.05 EUR'",
    "0, EUR, '0.00 EUR'",
    // negative
    "-10000, EUR, '-100.00 EUR'",
    // no fraction digits
    "1497, JPY, '1,497 JPY'",
    // three fraction digits
    "1234567, KWD, '1,234.567 KWD'",
    // no minor unit at all (fraction digits -1)
    "12, XAU, '12 XAU'",
    // the extremes of long
    "9223372036854775807, USD, '92,233,720,368,547,758.07 USD'",
    "-9223372036854775808, USD, '-92,233,720,368,547,758.08 USD'",
  })
  void money(long minor, String currency, String expected) {
    assertEquals(expected, Amounts.money(minor, Currency.getInstance(currency)));
  }

  @ParameterizedTest
  @CsvSource({
    // integers, grouped
    "1, '1'",
    "1000, '1,000'",
    "1.000, '1'",
    // fractions without trailing zeros
    "7.50, '7.5'",
    "-0.25, '-0.25'",
    // scientific input is expanded when it is short
    "1E+3, '1,000'",
    // and kept when it is not
    "1E+40, '1E+40'",
    "1E-40, '1E-40'",
  })
  void number(BigDecimal value, String expected) {
    assertEquals(expected, Amounts.number(value));
  }
}
