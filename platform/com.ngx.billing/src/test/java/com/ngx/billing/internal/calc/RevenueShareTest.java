package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevenueShareTest {

  // The minimum is USD 500.00 = 50000 minor units unless a case says otherwise.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                      attributed, bp,   minimum, effective, share,    charge,   applied
      'under: 20% of 1,000.00 = 200.00',           100000,     2000, 50000,   100000,    20000,    50000,    true
      'over: 20% of 10,000.00 = 2,000.00',         1000000,    2000, 50000,   1000000,   200000,   200000,   false
      'exactly at: 20% of 2,500.00 = 500.00',      250000,     2000, 50000,   250000,    50000,    50000,    false
      'rounds up to the minimum: 49999.8',         249999,     2000, 50000,   249999,    50000,    50000,    false
      'just under: 49999.4',                       249997,     2000, 50000,   249997,    49999,    50000,    true
      'just over: 50001',                          250005,     2000, 50000,   250005,    50001,    50001,    false
      'no revenue',                                0,          2000, 50000,   0,         0,        50000,    true
      'negative revenue counts as 0',              -100000,    2000, 50000,   0,         0,        50000,    true
      'negative revenue, no minimum',              -5,         2000, 0,       0,         0,        0,        false
      'tie 2.5 to 2',                              25,         1000, 0,       25,        2,        2,        false
      'tie 3.5 to 4',                              35,         1000, 0,       35,        4,        4,        false
      '12.5% of 1,234,567.89 = 15432098.625',      123456789,  1250, 50000,   123456789, 15432099, 15432099, false
      'zero rate',                                 1000000,    0,    50000,   1000000,   0,        50000,    true
      """)
  void compute(
      String description,
      long attributed,
      int bp,
      long minimum,
      long effective,
      long share,
      long charge,
      boolean applied) {
    assertEquals(
        new RevenueShare.Result(effective, bp, share, minimum, charge, applied),
        RevenueShare.compute(attributed, bp, minimum));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,               attributed, bp,   minimum
      'negative rate',      100000,     -1,   50000
      'negative minimum',   100000,     2000, -1
      """)
  void computeRejectsInvalidArguments(String description, long attributed, int bp, long minimum) {
    assertThrows(
        IllegalArgumentException.class, () -> RevenueShare.compute(attributed, bp, minimum));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                          attributed,          bp,    minimum
      '100.01% of the largest long',   9223372036854775807, 10001, 50000
      """)
  void computeOverflowThrows(String description, long attributed, int bp, long minimum) {
    assertThrows(ArithmeticException.class, () -> RevenueShare.compute(attributed, bp, minimum));
  }
}
