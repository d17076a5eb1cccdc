package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {

  @ParameterizedTest
  @CsvSource({
    "2024-03-31T01:30:00Z, 2024-03-31T01:30",
    // the database keeps milliseconds
    "1999-12-31T23:59:59.123Z, 1999-12-31T23:59:59.123",
  })
  void utcWallClockAndBack(Instant instant, LocalDateTime utc) {
    assertEquals(utc, Times.utc(instant));
    assertEquals(instant, Times.instant(utc));
  }

  @Test
  void nullsStayNull() {
    assertNull(Times.utc(null));
    assertNull(Times.instant(null));
  }
}
