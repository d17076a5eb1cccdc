package com.ngx.vertical.fitness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopLevelStringTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a plain member
        "{\"name\": \"Gym\"}|Gym",
        // nested members of the same name are skipped, before and after
        "{\"personality\": {\"name\": \"Maya\"}, \"name\": \"Gym\", \"slots\": [{\"name\": \"goal\"}]}|Gym",
        // a value that equals the key is not mistaken for the key
        "{\"title\": \"name\", \"name\": \"Gym\"}|Gym",
        // escapes, including unicode
        "{\"name\": \"Fitness \\u0026 \\\"wellness\\\" \\/ spa\"}|Fitness & \"wellness\" / spa",
        // numbers and booleans before it
        "{\"schemaVersion\": 1, \"ok\": true, \"name\": \"Gym\"}|Gym"
      })
  void readsTheTopLevelMember(String json, String expected) {
    assertEquals(expected, TopLevelString.read(json, "name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"personality\": {\"name\": \"Maya\"}}", // only a nested one
        "{\"name\": 42}", // not a string
        "{\"name\": {\"en\": \"Gym\"}}", // an object
        "{\"name\": \"unterminated}" // broken JSON
      })
  void refusesWhatIsNotATopLevelString(String json) {
    assertThrows(IllegalArgumentException.class, () -> TopLevelString.read(json, "name"));
  }
}
