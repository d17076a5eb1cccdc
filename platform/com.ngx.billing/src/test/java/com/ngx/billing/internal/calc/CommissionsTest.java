package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommissionsTest {

  // First year 20% (2000 bp), later 10% (1000 bp).
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                              since,      payment,    rate
      'day before the anniversary: first year',            2023-03-15, 2024-03-14, 2000
      'the anniversary is already later',                  2023-03-15, 2024-03-15, 1000
      'day after the anniversary',                         2023-03-15, 2024-03-16, 1000
      'the first day',                                     2023-03-15, 2023-03-15, 2000
      'payment before the client since day: first year',   2023-03-15, 2023-03-01, 2000
      'years later',                                       2023-03-15, 2030-01-01, 1000
      'leap-day client: 2025-02-27 still first year',      2024-02-29, 2025-02-27, 2000
      'leap-day client: anniversary is 2025-02-28',        2024-02-29, 2025-02-28, 1000
      'leap-day client: 2025-03-01 later',                 2024-02-29, 2025-03-01, 1000
      'client since 28 Feb: leap day 2024-02-27 first',    2023-02-28, 2024-02-27, 2000
      'client since 28 Feb: anniversary 2024-02-28',       2023-02-28, 2024-02-28, 1000
      'client since 28 Feb: leap day is after',            2023-02-28, 2024-02-29, 1000
      'client since 1 March: leap day in first year',      2023-03-01, 2024-02-29, 2000
      'client since 1 March: anniversary',                 2023-03-01, 2024-03-01, 1000
      """)
  void rateBp(String description, LocalDate since, LocalDate payment, int rate) {
    assertEquals(rate, Commissions.rateBp(since, payment, 2000, 1000));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                 first, later
      'negative first year',  -1,    1000
      'negative later',       2000,  -1
      """)
  void rateBpRejectsNegativeRates(String description, int first, int later) {
    LocalDate day = LocalDate.of(2024, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> Commissions.rateBp(day, day, first, later));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                 payment, rate, commission
      '20% of 100.00',                        10000,   2000, 2000
      'refund of it mirrors',                 -10000,  2000, -2000
      '10% of 0.25 = 2.5 ties to 2',          25,      1000, 2
      'refund: -2.5 ties to -2',              -25,     1000, -2
      '10% of 0.35 = 3.5 ties to 4',          35,      1000, 4
      'refund: -3.5 ties to -4',              -35,     1000, -4
      '15% of 123.45 = 1851.75',              12345,   1500, 1852
      'refund of it mirrors exactly',         -12345,  1500, -1852
      '50% of 0.01 = 0.5 ties to 0',          1,       5000, 0
      '50% of 0.03 = 1.5 ties to 2',          3,       5000, 2
      '10% of 49.99 = 499.9',                 4999,    1000, 500
      'no payment',                           0,       2000, 0
      'zero rate',                            10000,   0,    0
      """)
  void amount(String description, long payment, int rate, long commission) {
    assertEquals(commission, Commissions.amount(payment, rate));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                           payment,              rate
      '100.01% of the largest long',    9223372036854775807,  10001
      '100.01% of the smallest long',   -9223372036854775808, 10001
      """)
  void amountOverflowThrows(String description, long payment, int rate) {
    assertThrows(ArithmeticException.class, () -> Commissions.amount(payment, rate));
  }
}
