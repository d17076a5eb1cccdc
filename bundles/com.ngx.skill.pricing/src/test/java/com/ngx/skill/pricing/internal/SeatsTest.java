package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeatsTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // text | the number, or -1 for none
        "50 | 50",
        "We are about 25 people | 25",
        "between 50 and 100 | 50",
        // thousands with ',' (English) and '.' (Spanish)
        "around 1,200 employees | 1200",
        "unos 1.200 empleados | 1200",
        "20,000 | 20000",
        // a decimal is cut to its whole part
        "2.5 teams | 2",
        // punctuation after the number ends the clause
        "We are 50, maybe 60. | 50",
        "Somos 1.500. | 1500",
        "'' | -1",
        "no idea yet | -1",
        // too long to be a seat count
        "1234567890123456789 | -1",
      })
  void findsTheFirstWholeNumber(String text, long expected) {
    OptionalLong n = Seats.firstNumber(text);
    assertEquals(expected, n.isPresent() ? n.getAsLong() : -1);
  }

  @org.junit.jupiter.api.Test
  void nullIsNoNumber() {
    assertEquals(OptionalLong.empty(), Seats.firstNumber(null));
  }
}
