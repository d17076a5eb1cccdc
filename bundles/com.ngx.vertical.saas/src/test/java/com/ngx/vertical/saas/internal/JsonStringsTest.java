package com.ngx.vertical.saas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonStringsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // JSON | the value of "name"
        "{\"name\": \"SaaS B2B\"} | SaaS B2B",
        // nested members of the same name come first but are skipped
        "{\"personality\": {\"name\": \"Alex\"}, \"name\": \"Top\"} | Top",
        "{\"intents\": [{\"name\": \"pricing\"}], \"name\": \"Top\"} | Top",
        // a string value equal to the key is not a key
        "{\"x\": \"name\", \"name\": \"Top\"} | Top",
        // escapes
        "{\"name\": \"a \\\"b\\\" \\\\ c\"} | a \"b\" \\ c",
        "{\"name\": \"Gesti\\u00f3n\"} | Gestión",
        // non-string values before it
        "{\"schemaVersion\": 1, \"ok\": true, \"n\": null, \"name\": \"Top\"} | Top",
      })
  void readsTheTopLevelString(String json, String expected) {
    assertEquals(expected, JsonStrings.topLevel(json, "name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // only nested
        "{\"personality\": {\"name\": \"Alex\"}}",
        // not a string
        "{\"name\": 5}",
        "{\"name\": [\"a\"]}",
        // broken
        "{\"name\": \"unterminated",
        "{\"name\": \"bad \\u00\"}",
        "",
      })
  void refusesWhatIsNotATopLevelString(String json) {
    assertThrows(IllegalArgumentException.class, () -> JsonStrings.topLevel(json, "name"));
  }
}
