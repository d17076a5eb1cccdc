package com.ngx.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {

  @Test
  void noErrorsIsValidAndDoesNotThrow() {
    Validator v = new Validator().require("slug", true, "is required");

    assertTrue(v.valid());
    assertFalse(v.hasError("slug"));
    assertDoesNotThrow(v::throwIfInvalid);
  }

  @Test
  void everyFieldErrorIsReportedAtOnceInOrder() {
    Validator v =
        new Validator()
            .require("slug", false, "is required")
            .require("name", true, "is required")
            .error("name", "must be at most 200 characters")
            .require("scopes[1]", false, "is not a known scope");

    assertFalse(v.valid());
    assertTrue(v.hasError("name"));
    assertFalse(v.hasError("scopes"));
    ApiException e = assertThrows(ApiException.class, v::throwIfInvalid);
    assertEquals(400, e.status());
    assertEquals("3 fields are invalid", e.getMessage());
    assertEquals(
        List.of(
            new FieldError("slug", "is required"),
            new FieldError("name", "must be at most 200 characters"),
            new FieldError("scopes[1]", "is not a known scope")),
        e.errors());
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // absent
        "NULL, is required",
        // empty
        "'', is required",
        // only blanks
        "'   ', is required",
        // one character over the maximum of 5
        "abcdef, must be at most 5 characters",
      },
      nullValues = "NULL")
  void requireTextRejects(String value, String message) {
    Validator v = new Validator().requireText("name", value, 5);

    assertEquals(
        List.of(new FieldError("name", message)),
        assertThrows(ApiException.class, v::throwIfInvalid).errors());
  }

  @ParameterizedTest
  @CsvSource({
    // one character
    "a",
    // exactly the maximum
    "abcde",
  })
  void requireTextAccepts(String value) {
    assertTrue(new Validator().requireText("name", value, 5).valid());
  }
}
