package com.ngx.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {

  @ParameterizedTest
  @CsvSource({
    // the first page, smallest page size
    "0, 1",
    // far into the list, the largest page size
    "1000000, 200",
    // the default page size
    "0, 50",
  })
  void acceptsBoundsInRange(int offset, int limit) {
    assertDoesNotThrow(() -> Page.checkBounds(offset, limit));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // negative offset
        "-1 | 50  | query.offset",
        // zero limit
        "0  | 0   | query.limit",
        // one above the maximum limit
        "0  | 201 | query.limit",
        // both wrong: both reported
        "-5 | -1  | query.offset,query.limit",
      })
  void rejectsBoundsOutOfRangeNamingEveryParameter(int offset, int limit, String fields) {
    ApiException e = assertThrows(ApiException.class, () -> Page.checkBounds(offset, limit));

    assertEquals(400, e.status());
    assertEquals(
        Arrays.asList(fields.split(",")), e.errors().stream().map(FieldError::field).toList());
  }

  @ParameterizedTest
  @CsvSource({
    // the limit message states the maximum
    "0, 500, must be between 1 and 200",
    "-1, 10, must be 0 or more",
  })
  void messagesSayWhatIsAllowed(int offset, int limit, String message) {
    ApiException e = assertThrows(ApiException.class, () -> Page.checkBounds(offset, limit));

    assertEquals(List.of(message), e.errors().stream().map(FieldError::message).toList());
  }
}
