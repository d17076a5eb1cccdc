package com.ngx.billing.internal.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DunningScheduleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                      | csv                                                  | days (space-separated)
      'the default'               | 1,3,5,7                                              | 1 3 5 7
      'blanks around entries'     | ' 1 , 3 ,5 '                                         | 1 3 5
      'a single retry'            | 2                                                    | 2
      'a month later'             | 30                                                   | 30
      'twenty retries, the most'  | 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20   | 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
      """)
  void parse(String description, String csv, String days) {
    List<Integer> expected = Arrays.stream(days.split(" ")).map(Integer::valueOf).toList();
    DunningSchedule schedule = DunningSchedule.parse(csv);
    assertEquals(expected, schedule.retryDays());
    assertEquals(expected.size(), schedule.size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                           | csv                                                     | message contains
      'empty'                          | ''                                                      | empty
      'blank'                          | '   '                                                   | empty
      'empty entry in the middle'      | 1,,3                                                    | retry 2 in "1,,3" is empty
      'trailing comma'                 | 1,3,                                                    | retry 3 in "1,3," is empty
      'leading comma'                  | ,1                                                      | retry 1 in ",1" is empty
      'wrong separator'                | 1;3                                                     | must be a positive whole number of days, was "1;3"
      'a word'                         | a                                                       | must be a positive whole number of days, was "a"
      'decimals'                       | 1.5                                                     | must be a positive whole number of days, was "1.5"
      'negative'                       | -1                                                      | must be a positive whole number of days, was "-1"
      'a plus sign'                    | +1                                                      | must be a positive whole number of days, was "+1"
      'zero'                           | 0                                                       | retry 1 must be a positive whole number of days, was 0
      'zero first'                     | 0,1                                                     | retry 1 must be a positive whole number of days, was 0
      'decreasing'                     | 3,1                                                     | retry 2 (1) is not after retry 1 (3)
      'repeated'                       | 1,1                                                     | retry 2 (1) is not after retry 1 (1)
      'decreasing at the end'          | 1,3,5,7,6                                               | retry 5 (6) is not after retry 4 (7)
      'beyond int'                     | 99999999999                                             | too large
      'twenty-one retries'             | 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21   | 21 retries, at most 20
      """)
  void parseRejects(String description, String csv, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DunningSchedule.parse(csv));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void parseRejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> DunningSchedule.parse(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                    | schedule | first failure        | retries done | next attempt (empty: suspend)
      'first retry a day later'                 | 1,3,5,7  | 2024-03-10T14:30:00Z | 0            | 2024-03-11T14:30:00Z
      'second retry 3 days after the first failure' | 1,3,5,7 | 2024-03-10T14:30:00Z | 1        | 2024-03-13T14:30:00Z
      'third'                                   | 1,3,5,7  | 2024-03-10T14:30:00Z | 2            | 2024-03-15T14:30:00Z
      'last'                                    | 1,3,5,7  | 2024-03-10T14:30:00Z | 3            | 2024-03-17T14:30:00Z
      'exhausted: suspend'                      | 1,3,5,7  | 2024-03-10T14:30:00Z | 4            |
      'long exhausted'                          | 1,3,5,7  | 2024-03-10T14:30:00Z | 10           |
      'over the leap day: 27 Feb + 3'           | 1,3,5,7  | 2024-02-27T23:00:00Z | 1            | 2024-03-01T23:00:00Z
      'over the leap day: 27 Feb + 7'           | 1,3,5,7  | 2024-02-27T23:00:00Z | 3            | 2024-03-05T23:00:00Z
      'no leap day: 27 Feb 2023 + 3'            | 1,3,5,7  | 2023-02-27T23:00:00Z | 1            | 2023-03-02T23:00:00Z
      'custom schedule'                         | 2,10     | 2024-01-31T00:00:00Z | 1            | 2024-02-10T00:00:00Z
      'custom schedule exhausted'               | 2,10     | 2024-01-31T00:00:00Z | 2            |
      """)
  void nextAttempt(
      String description, String schedule, Instant firstFailure, int retriesDone, Instant next) {
    assertEquals(
        Optional.ofNullable(next),
        DunningSchedule.parse(schedule).nextAttempt(firstFailure, retriesDone));
  }

  @Test
  void nextAttemptRejectsNegativeRetries() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DunningSchedule.DEFAULT.nextAttempt(Instant.parse("2024-03-10T00:00:00Z"), -1));
  }

  @Test
  void defaultIsOneThreeFiveSeven() {
    assertEquals(List.of(1, 3, 5, 7), DunningSchedule.DEFAULT.retryDays());
    assertEquals(4, DunningSchedule.DEFAULT.size());
    assertEquals("1,3,5,7", DunningSchedule.DEFAULT.toCsv());
    assertEquals(DunningSchedule.DEFAULT, DunningSchedule.parse(DunningSchedule.DEFAULT.toCsv()));
  }

  @Test
  void constructorValidatesAndCopies() {
    List<Integer> days = new ArrayList<>(List.of(2, 4));
    DunningSchedule schedule = new DunningSchedule(days);
    days.add(1);
    assertEquals(List.of(2, 4), schedule.retryDays());
    assertThrows(UnsupportedOperationException.class, () -> schedule.retryDays().add(8));
    assertThrows(IllegalArgumentException.class, () -> new DunningSchedule(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new DunningSchedule(List.of(4, 2)));
    assertThrows(
        IllegalArgumentException.class, () -> new DunningSchedule(Arrays.asList(1, null, 3)));
  }
}
