package com.ngx.vertical.realestate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopLevelStringsTest {

  @Test
  void readsOnlyTopLevelStrings() {
    String json =
        "{\"schemaVersion\": 1, \"personality\": {\"name\": \"Clara\"},"
            + " \"intents\": [{\"name\": \"pricing\", \"examples\": [\"a\", \"b\"]}],"
            + " \"name\": \"Real estate\", \"flag\": true, \"description\": \"Buy, rent, sell\"}";
    assertEquals(Map.of("name", "Real estate", "description", "Buy, rent, sell"), TopLevelStrings.read(json));
  }

  @Test
  void unescapes() {
    // quote, backslash, slash, control characters, a \\u escape and a character outside ASCII as is
    String json = "{\"name\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9 ñ\", \"k\\u0065y\": \"v\"}";
    assertEquals(Map.of("name", "a\"b\\c/d\n\té ñ", "key", "v"), TopLevelStrings.read(json));
  }

  @Test
  void bracketsInsideStringsDoNotNest() {
    assertEquals(
        Map.of("a", "{[", "name", "x"), TopLevelStrings.read("{\"a\": \"{[\", \"name\": \"x\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"open", // unterminated string
        "{\"name\": \"\\x\"}", // unknown escape
        "{\"name\": \"\\u00g1\"}", // not hexadecimal
        "{\"name\": \"\\u00\"}" // too short
      })
  void rejectsBrokenStrings(String json) {
    assertThrows(IllegalArgumentException.class, () -> TopLevelStrings.read(json));
  }
}
