package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProrationTest {

  // Expected values by hand: remaining = days from the change day to the end, amount = price ×
  // remaining / periodDays, ties to even.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                         old,   new,   start,      end,        change,     credit, charge, remaining, days, net
      'upgrade mid-January (31 d): 16/31',            1000,  3000,  2024-01-01, 2024-02-01, 2024-01-16, 516,    1548,   16,        31,   1032
      'downgrade in April (30 d): 20/30, net < 0',    4900,  1900,  2024-04-01, 2024-05-01, 2024-04-11, 3267,   1267,   20,        30,   -2000
      'change on the first day: full credit, charge', 2999,  4999,  2024-02-01, 2024-03-01, 2024-02-01, 2999,   4999,   29,        29,   2000
      'change on the last day of leap February',      2900,  5800,  2024-02-01, 2024-03-01, 2024-02-29, 100,    200,    1,         29,   100
      'change on the last day of February 2023',      2800,  1400,  2023-02-01, 2023-03-01, 2023-02-28, 100,    50,     1,         28,   -50
      'February 2023 (28 d): 14/28',                  1000,  2000,  2023-02-01, 2023-03-01, 2023-02-15, 500,    1000,   14,        28,   500
      'leap February 2024 (29 d): 15/29',             1000,  2000,  2024-02-01, 2024-03-01, 2024-02-15, 517,    1034,   15,        29,   517
      'ties: 1002.5 to 1002, 1507.5 to 1508',         2005,  3015,  2024-04-01, 2024-05-01, 2024-04-16, 1002,   1508,   15,        30,   506
      'ties: 0.5 to 0, 1.5 to 2',                     1,     3,     2023-02-01, 2023-03-01, 2023-02-15, 0,      2,      14,        28,   2
      'free to paid',                                 0,     3100,  2024-01-01, 2024-02-01, 2024-01-21, 0,      1100,   11,        31,   1100
      'paid to free',                                 1500,  0,     2024-04-01, 2024-05-01, 2024-04-21, 500,    0,      10,        30,   -500
      'free to free',                                 0,     0,     2024-04-01, 2024-05-01, 2024-04-21, 0,      0,      10,        30,   0
      'leap year period (366 d), 1 July',             36600, 73200, 2024-01-01, 2025-01-01, 2024-07-01, 18400,  36800,  184,       366,  18400
      'common year period (365 d), 1 July',           36500, 0,     2023-01-01, 2024-01-01, 2023-07-01, 18400,  0,      184,       365,  -18400
      'mid-month period over month end (31 d)',       3100,  6200,  2024-01-15, 2024-02-15, 2024-02-01, 1400,   2800,   14,        31,   1400
      'mid-month period over leap day (29 d)',        2900,  5800,  2024-02-15, 2024-03-15, 2024-03-01, 1400,   2800,   14,        29,   1400
      'mid-month period, no leap day (28 d)',         2800,  5600,  2023-02-15, 2023-03-15, 2023-03-01, 1400,   2800,   14,        28,   1400
      'yen prices (no minor unit)',                   980,   1980,  2024-04-01, 2024-05-01, 2024-04-16, 490,    990,    15,        30,   500
      'dinar prices (3 decimals): 15/30',             4005,  9015,  2024-04-01, 2024-05-01, 2024-04-16, 2002,   4508,   15,        30,   2506
      'clamped: before the start counts as all',      2999,  4999,  2024-02-01, 2024-03-01, 2024-01-10, 2999,   4999,   29,        29,   2000
      'clamped: the end day counts as none',          2999,  4999,  2024-02-01, 2024-03-01, 2024-03-01, 0,      0,      0,         29,   0
      'clamped: after the end counts as none',        2999,  4999,  2024-02-01, 2024-03-01, 2024-03-15, 0,      0,      0,         29,   0
      'largest long price: no overflow at 29/29',     9223372036854775807, 0, 2024-02-01, 2024-03-01, 2024-02-01, 9223372036854775807, 0, 29, 29, -9223372036854775807
      """)
  void change(
      String description,
      long oldPrice,
      long newPrice,
      LocalDate start,
      LocalDate end,
      LocalDate changeDay,
      long credit,
      long charge,
      long remaining,
      long days,
      long net) {
    Proration.Change change = Proration.change(oldPrice, newPrice, start, end, changeDay);
    assertEquals(new Proration.Change(credit, charge, remaining, days), change);
    assertEquals(net, change.netMinor());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                   price, from,       start,      end,        expected
      'after a trial, leap Feb: 15/29 = 1551.2', 2999,  2024-02-15, 2024-02-01, 2024-03-01, 1551
      'after a trial, Feb 2023: 1499.5 to 1500', 2999,  2023-02-15, 2023-02-01, 2023-03-01, 1500
      'January: 15/31 = 1451.13',                2999,  2024-01-17, 2024-01-01, 2024-02-01, 1451
      'April: 15/30 exact',                      3000,  2024-04-16, 2024-04-01, 2024-05-01, 1500
      'from the first day: full price',          1000,  2024-04-01, 2024-04-01, 2024-05-01, 1000
      'from the last day: 1/30 = 33.3',          1000,  2024-04-30, 2024-04-01, 2024-05-01, 33
      'clamped: before the start is full',       1000,  2024-03-20, 2024-04-01, 2024-05-01, 1000
      'clamped: from the end is nothing',        1000,  2024-05-01, 2024-04-01, 2024-05-01, 0
      'free plan',                               0,     2024-04-16, 2024-04-01, 2024-05-01, 0
      'dinar: 502.5 ties to 502',                1005,  2024-04-16, 2024-04-01, 2024-05-01, 502
      'tie 2.5 to 2',                            5,     2023-02-15, 2023-02-01, 2023-03-01, 2
      'tie 3.5 to 4',                            7,     2023-02-15, 2023-02-01, 2023-03-01, 4
      'yen',                                     1200,  2024-04-21, 2024-04-01, 2024-05-01, 400
      """)
  void partial(
      String description, long price, LocalDate from, LocalDate start, LocalDate end, long expected) {
    assertEquals(expected, Proration.partial(price, from, start, end));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                   old,  new,  start,      end,        change
      'empty period',           1000, 2000, 2024-02-01, 2024-02-01, 2024-02-01
      'reversed period',        1000, 2000, 2024-03-01, 2024-02-01, 2024-02-15
      'negative old price',     -1,   2000, 2024-02-01, 2024-03-01, 2024-02-15
      'negative new price',     1000, -1,   2024-02-01, 2024-03-01, 2024-02-15
      """)
  void changeRejectsInvalidArguments(
      String description, long oldPrice, long newPrice, LocalDate start, LocalDate end, LocalDate day) {
    assertThrows(
        IllegalArgumentException.class, () -> Proration.change(oldPrice, newPrice, start, end, day));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,              price, from,       start,      end
      'empty period',      1000,  2024-02-01, 2024-02-01, 2024-02-01
      'reversed period',   1000,  2024-02-15, 2024-03-01, 2024-02-01
      'negative price',    -1,    2024-02-15, 2024-02-01, 2024-03-01
      """)
  void partialRejectsInvalidArguments(
      String description, long price, LocalDate from, LocalDate start, LocalDate end) {
    assertThrows(IllegalArgumentException.class, () -> Proration.partial(price, from, start, end));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                         credit, charge, remaining, days
      'negative credit',              -1,     0,      1,         30
      'negative charge',              0,      -1,     1,         30
      'more days left than in period', 0,     0,      31,        30
      'negative days left',           0,      0,      -1,        30
      'empty period',                 0,      0,      0,         0
      """)
  void changeRecordRejectsInconsistentValues(
      String description, long credit, long charge, long remaining, long days) {
    assertThrows(
        IllegalArgumentException.class, () -> new Proration.Change(credit, charge, remaining, days));
  }

  @Test
  void nullDatesAreRejected() {
    LocalDate day = LocalDate.of(2024, 2, 1);
    assertThrows(NullPointerException.class, () -> Proration.change(1, 1, null, day, day));
    assertThrows(NullPointerException.class, () -> Proration.change(1, 1, day, null, day));
    assertThrows(
        NullPointerException.class, () -> Proration.change(1, 1, day, day.plusMonths(1), null));
    assertThrows(
        NullPointerException.class, () -> Proration.partial(1, null, day, day.plusMonths(1)));
  }
}
