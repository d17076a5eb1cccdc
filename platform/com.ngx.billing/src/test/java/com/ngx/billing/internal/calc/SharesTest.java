package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                     amount,               num, den, expected
      '2.5 ties down to even 2',                  5,                    1,   2,   2
      '7.5 ties up to even 8',                    15,                   1,   2,   8
      '12.5 ties down to even 12',                25,                   1,   2,   12
      '0.5 ties down to 0',                       1,                    1,   2,   0
      '1.5 ties up to 2',                         3,                    1,   2,   2
      'negative -2.5 mirrors to -2',              -5,                   1,   2,   -2
      'negative -7.5 mirrors to -8',              -15,                  1,   2,   -8
      '3.33 rounds down',                         10,                   1,   3,   3
      '6.67 rounds up',                           20,                   1,   3,   7
      '15 of 31 days: 1451.13',                   2999,                 15,  31,  1451
      'no part',                                  1000,                 0,   30,  0
      'whole',                                    1000,                 30,  30,  1000
      'numerator above denominator',              1000,                 60,  30,  2000
      'zero amount',                              0,                    5,   7,   0
      'product beyond long is exact',             9223372036854775807,  2,   2,   9223372036854775807
      'smallest long, whole',                     -9223372036854775808, 1,   1,   -9223372036854775808
      """)
  void share(String description, long amount, long num, long den, long expected) {
    assertEquals(expected, Shares.share(amount, num, den));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                  amount, num, den
      'zero denominator',      100,    1,   0
      'negative denominator',  100,    1,   -1
      'negative numerator',    100,    -1,  2
      """)
  void shareRejectsInvalidRatios(String description, long amount, long num, long den) {
    assertThrows(IllegalArgumentException.class, () -> Shares.share(amount, num, den));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                          amount,               num, den
      'twice the largest long',        9223372036854775807,  2,   1
      'twice the smallest long',       -9223372036854775808, 2,   1
      'one and a half largest longs',  9223372036854775807,  3,   2
      """)
  void shareOverflowThrows(String description, long amount, long num, long den) {
    assertThrows(ArithmeticException.class, () -> Shares.share(amount, num, den));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                            amount,              bp,    expected
      '15% of 10 = 1.5 ties to 2',       10,                  1500,  2
      '15% of 30 = 4.5 ties to 4',       30,                  1500,  4
      '10% of 5 = 0.5 ties to 0',        5,                   1000,  0
      '10% of 15 = 1.5 ties to 2',       15,                  1000,  2
      '10% of 25 = 2.5 ties to 2',       25,                  1000,  2
      '-2.5 mirrors to -2',              -25,                 1000,  -2
      '-1.5 mirrors to -2',              -15,                 1000,  -2
      '10% of 50 exact',                 50,                  1000,  5
      '20% of 1000.00',                  100000,              2000,  20000
      '2.5% of 123.45 = 308.625',        12345,               250,   309
      '50% of 1 = 0.5 ties to 0',        1,                   5000,  0
      '50% of 3 = 1.5 ties to 2',        3,                   5000,  2
      '100%',                            100,                 10000, 100
      '0%',                              100,                 0,     0
      '150%',                            100,                 15000, 150
      '1 bp of 1 = 0.0001',              1,                   1,     0
      '100% of the largest long',        9223372036854775807, 10000, 9223372036854775807
      """)
  void basisPoints(String description, long amount, int bp, long expected) {
    assertEquals(expected, Shares.basisPoints(amount, bp));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                            amount,               bp
      '100.01% of the largest long',     9223372036854775807,  10001
      '100.01% of the smallest long',    -9223372036854775808, 10001
      """)
  void basisPointsOverflowThrows(String description, long amount, int bp) {
    assertThrows(ArithmeticException.class, () -> Shares.basisPoints(amount, bp));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,            amount, bp
      'negative rate',   100,    -1
      """)
  void basisPointsRejectsNegativeRates(String description, long amount, int bp) {
    assertThrows(IllegalArgumentException.class, () -> Shares.basisPoints(amount, bp));
  }
}
