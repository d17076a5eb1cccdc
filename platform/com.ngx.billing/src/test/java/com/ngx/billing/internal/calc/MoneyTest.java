package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                         currency, digits
      'US dollar has cents',          USD,      2
      'euro has cents',               EUR,      2
      'yen has no minor unit',        JPY,      0
      'Chilean peso has none either', CLP,      0
      'Bahraini dinar has fils',      BHD,      3
      'Kuwaiti dinar has fils',       KWD,      3
      """)
  void digits(String description, String currency, int digits) {
    assertEquals(digits, Money.digits(currency));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      'lower case is not an ISO code', usd
      'unknown code',                  ABC
      'gold has no minor unit',        XAU
      'no currency has no minor unit', XXX
      'empty code',                    ''
      """)
  void digitsRejectsUnusableCurrencies(String description, String currency) {
    assertThrows(IllegalArgumentException.class, () -> Money.digits(currency));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                  amount,                currency, minor
      'cents',                                 14.97,                 USD,      1497
      'whole dollars get two zero digits',     1497,                  USD,      149700
      'trailing zero beyond the scale is fine', 12.500,               USD,      1250
      'negative euro',                         -12.5,                 EUR,      -1250
      'zero',                                  0,                     USD,      0
      'yen',                                   1200,                  JPY,      1200
      'yen with a zero decimal',               1200.0,                JPY,      1200
      'dinar with three decimals',             1.005,                 BHD,      1005
      'one fils',                              0.001,                 KWD,      1
      'negative dinar',                        -3.25,                 BHD,      -3250
      'largest long',                          92233720368547758.07,  USD,      9223372036854775807
      'smallest long',                         -92233720368547758.08, USD,      -9223372036854775808
      """)
  void toMinor(String description, BigDecimal amount, String currency, long minor) {
    assertEquals(minor, Money.toMinor(amount, currency));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                           amount,  currency
      'half a cent',                    14.975,  USD
      'a tenth of a yen',               1200.5,  JPY
      'a tenth of a fils',              1.0005,  BHD
      'a thousandth of a euro',         0.001,   EUR
      'negative half cent',             -0.005,  USD
      """)
  void toMinorNeverRounds(String description, BigDecimal amount, String currency) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Money.toMinor(amount, currency));
    assertTrue(e.getMessage().contains("more decimals"), e.getMessage());
    assertTrue(e.getMessage().contains(currency), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                         amount,                currency
      'one cent above the largest',   92233720368547758.08,  USD
      'one cent below the smallest',  -92233720368547758.09, USD
      'yen above the largest',        9223372036854775808,   JPY
      """)
  void toMinorOverflowThrows(String description, BigDecimal amount, String currency) {
    assertThrows(ArithmeticException.class, () -> Money.toMinor(amount, currency));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                     minor, currency, decimal
      'cents',                    1497,  USD,      14.97
      'negative euro',            -1250, EUR,      -12.50
      'yen',                      1200,  JPY,      1200
      'dinar',                    1005,  BHD,      1.005
      'five fils',                5,     KWD,      0.005
      'zero keeps the scale',     0,     USD,      0.00
      """)
  void toDecimal(String description, long minor, String currency, String decimal) {
    assertEquals(decimal, Money.toDecimal(minor, currency).toPlainString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                           | minor                | currency | text
      'thousands get a comma'          | 149700               | USD      | USD 1,497.00
      'negative amount'                | -1250                | EUR      | EUR -12.50
      'yen has no decimals'            | 120000               | JPY      | JPY 120,000
      'yen in the thousands'           | 1200                 | JPY      | JPY 1,200
      'zero'                           | 0                    | USD      | USD 0.00
      'cents only'                     | 5                    | USD      | USD 0.05
      'negative cents only'            | -5                   | USD      | USD -0.05
      'just below a thousand'          | 99999                | USD      | USD 999.99
      'exactly a thousand'             | 100000               | USD      | USD 1,000.00
      'three yen groups'               | 123456789            | JPY      | JPY 123,456,789
      'negative yen group'             | -1000                | JPY      | JPY -1,000
      'three-digit yen'                | 999                  | JPY      | JPY 999
      'dinar with three decimals'      | 1234567              | BHD      | BHD 1,234.567
      'five fils'                      | 5                    | KWD      | KWD 0.005
      'largest long'                   | 9223372036854775807  | USD      | USD 92,233,720,368,547,758.07
      'smallest long, no abs overflow' | -9223372036854775808 | USD      | USD -92,233,720,368,547,758.08
      """)
  void format(String description, long minor, String currency, String text) {
    assertEquals(text, Money.format(minor, currency));
  }

  @Test
  void formatIgnoresTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      // German would write 1.497,00 and French a narrow space for grouping
      Locale.setDefault(Locale.GERMANY);
      assertEquals("USD 1,497.00", Money.format(149700, "USD"));
      Locale.setDefault(Locale.FRANCE);
      assertEquals("EUR -1,234.50", Money.format(-123450, "EUR"));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
