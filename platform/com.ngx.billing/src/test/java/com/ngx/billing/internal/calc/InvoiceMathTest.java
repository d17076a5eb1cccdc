package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoiceMathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case (lines are space-separated),         lines,         rate,  subtotal, tax,  total
      'two lines at 21%',                         '1000 2000',   21,    3000,     630,  3630
      'tax once on the subtotal: 105, not 53+53', '250 250',     21,    500,      105,  605
      'no lines',                                 '',            21,    0,        0,    0
      'line and its reversal',                    '1000 -1000',  19.6,  0,        0,    0
      'credit note: negative subtotal',           '5000 -6000',  21,    -1000,    -210, -1210
      '24.5 rounds up',                           '125',         19.6,  125,      25,   150
      'negative 24.5 mirrors',                    '-125',        19.6,  -125,     -25,  -150
      'sales tax 8.875%',                         '10000 2345',  8.875, 12345,    1096, 13441
      'yen: 120.5 rounds up',                     '1200 5',      10,    1205,     121,  1326
      'no tax',                                   '999',         0,     999,      0,    999
      'dinar: 50.25 fils',                        '1005',        5,     1005,     50,   1055
      """)
  void totals(
      String description, String lines, BigDecimal rate, long subtotal, long tax, long total) {
    assertEquals(
        new InvoiceMath.Totals(subtotal, tax, total), InvoiceMath.totals(parse(lines), rate));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                            lines,                       rate
      'sum above the largest long',      '9223372036854775807 1',     0
      'sum below the smallest long',     '-9223372036854775808 -1',   0
      'tax pushes total over',           '9223372036854775807',       1
      """)
  void totalsOverflowThrows(String description, String lines, BigDecimal rate) {
    assertThrows(ArithmeticException.class, () -> InvoiceMath.totals(parse(lines), rate));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                           total,               credit,              applied
      'credit covers part',             5000,                2000,                2000
      'credit covers all',              2000,                5000,                2000
      'credit equals total',            5000,                5000,                5000
      'no credit',                      5000,                0,                   0
      'nothing to pay',                 0,                   5000,                0
      'negative total takes no credit', -100,                5000,                0
      'one cent to pay',                1,                   9223372036854775807, 1
      'largest both',                   9223372036854775807, 9223372036854775807, 9223372036854775807
      """)
  void applyCredit(String description, long total, long credit, long applied) {
    assertEquals(applied, InvoiceMath.applyCredit(total, credit));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,              total, credit
      'negative credit',   5000,  -1
      """)
  void applyCreditRejectsNegativeBalance(String description, long total, long credit) {
    assertThrows(IllegalArgumentException.class, () -> InvoiceMath.applyCredit(total, credit));
  }

  private static List<Long> parse(String lines) {
    if (lines == null || lines.isBlank()) {
      return List.of();
    }
    return Arrays.stream(lines.trim().split("\\s+")).map(Long::valueOf).toList();
  }
}
