package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxTest {

  // Expected = base × rate / 100, ties away from zero (HALF_EVEN would differ on 10.5, 24.5, 52.5 …)
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                  base,                 rate,     tax
      '21% of 100.00',                         10000,                21,       2100
      '21% of 2.50 = 52.5 rounds up',          250,                  21,       53
      '21% of -2.50 mirrors to -53',           -250,                 21,       -53
      '21% of 0.50 = 10.5 up (even would be 10)', 50,                21,       11
      '21% of -0.50 mirrors to -11',           -50,                  21,       -11
      '21% of 1.50 = 31.5 up',                 150,                  21,       32
      '21% of 0.01 = 0.21 down',               1,                    21,       0
      '21% of 0.03 = 0.63 up',                 3,                    21,       1
      '8.875% of 100.00 = 887.5 up',           10000,                8.875,    888
      '8.875% of -100.00 mirrors',             -10000,               8.875,    -888
      '8.875% of 10.00 = 88.75',               1000,                 8.875,    89
      '8.875% of 4.00 = 35.5 up',              400,                  8.875,    36
      '8.875% of 123.45 = 1095.61875',         12345,                8.875,    1096
      '0%',                                    12345,                0,        0
      '0% of a credit',                        -12345,               0,        0
      '19.6% of 100.00',                       10000,                19.6,     1960
      '19.6% of 12.50 exact',                  1250,                 19.6,     245
      '19.6% of 1.25 = 24.5 up (even: 24)',    125,                  19.6,     25
      '19.6% of -1.25 mirrors to -25',         -125,                 19.6,     -25
      '19.6% of 0.02 = 0.392',                 2,                    19.6,     0
      '19.6% of 0.03 = 0.588',                 3,                    19.6,     1
      '100%',                                  999,                  100,      999
      'four decimals: 8.8751% of 100.00',      10000,                8.8751,   888
      'smallest rate on 50.00 = 0.005',        5000,                 0.0001,   0
      'smallest rate on 50000.00',             5000000,              0.0001,   5
      'trailing zeros do not count as decimals', 10000,              21.000000, 2100
      'yen: 10% of 1205 = 120.5 up',           1205,                 10,       121
      'dinar: 5% of 1.005 = 50.25 fils',       1005,                 5,        50
      '100% of the largest long',              9223372036854775807,  100,      9223372036854775807
      '100% of the smallest long',             -9223372036854775808, 100,      -9223372036854775808
      '50% of the largest long ends in .5',    9223372036854775807,  50,       4611686018427387904
      '50% of the smallest long',              -9223372036854775808, 50,       -4611686018427387904
      """)
  void tax(String description, long base, BigDecimal rate, long tax) {
    assertEquals(tax, Tax.tax(base, rate));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                   rate
      'negative',               -1
      'tiny negative',          -0.0001
      'above 100',              100.0001
      'far above 100',          101
      'five decimals',          8.87501
      """)
  void taxRejectsInvalidRates(String description, BigDecimal rate) {
    assertThrows(IllegalArgumentException.class, () -> Tax.tax(10000, rate));
  }

  @Test
  void taxRejectsMissingRate() {
    assertThrows(NullPointerException.class, () -> Tax.tax(10000, null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,               name,         rate,  base, tax
      'VAT on 2.50',        'VAT 21%',    21,    250,  53
      'sales tax on credit', 'NY 8.875%', 8.875, -400, -36
      """)
  void line(String description, String name, BigDecimal rate, long base, long tax) {
    assertEquals(new Tax.TaxLine(name, rate, base, tax), Tax.line(name, rate, base));
  }

  @Test
  void lineRejectsMissingName() {
    assertThrows(NullPointerException.class, () -> Tax.line(null, BigDecimal.TEN, 100));
  }
}
