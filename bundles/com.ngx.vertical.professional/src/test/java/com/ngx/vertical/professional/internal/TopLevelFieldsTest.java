package com.ngx.vertical.professional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopLevelFieldsTest {

  @Test
  void skipsNestedMembersOfTheSameName() {
    String json =
        "{\"personality\": {\"name\": \"Clara\"}, \"intents\": [{\"name\": \"pricing\"}],"
            + " \"x\": \"name\", \"name\" : \"Professional\"}";
    assertEquals("Professional", TopLevelFields.string(json, "name"));
  }

  @Test
  void unescapes() {
    String json = "{\"name\": \"a \\\"b\\\" \\\\ \\/ \\n\\t \\u00e9 {[\"}";
    assertEquals("a \"b\" \\ / \n\t é {[", TopLevelFields.string(json, "name"));
  }

  @Test
  void ignoresBracketsInsideStrings() {
    String json = "{\"description\": \"a } ] { [\", \"name\": \"N\"}";
    assertEquals("N", TopLevelFields.string(json, "name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}", // no member
        "{\"p\": {\"name\": \"nested only\"}}", // only a nested one
        "{\"name\": 1}", // not a string
        "{\"name\": \"unterminated}",
      })
  void refuses(String json) {
    assertThrows(IllegalArgumentException.class, () -> TopLevelFields.string(json, "name"));
  }
}
