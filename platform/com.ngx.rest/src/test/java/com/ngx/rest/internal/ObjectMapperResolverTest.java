package com.ngx.rest.internal;

import static com.ngx.rest.internal.ObjectMapperResolver.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectMapperResolverTest {

  record Body(String name, Integer count, int size, Boolean flag, List<String> tags) {}

  record When(Instant at) {}

  @Test
  void acceptsWellTypedInput() throws Exception {
    Body body =
        MAPPER.readValue(
            "{\"name\":\"a\",\"count\":2,\"size\":3,\"flag\":true,\"tags\":[\"x\"]}", Body.class);

    assertEquals(new Body("a", 2, 3, true, List.of("x")), body);
  }

  @Test
  void unknownPropertiesFail() {
    assertThrows(
        UnrecognizedPropertyException.class, () -> MAPPER.readValue("{\"size\":1,\"nmae\":\"a\"}", Body.class));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an integer is not coerced to a string
        "{\"name\": 5}",
        // nor a float
        "{\"name\": 1.5}",
        // nor a boolean
        "{\"name\": true}",
        // a string is not coerced to an Integer, even if it looks like one
        "{\"count\": \"5\"}",
        // nor to an int
        "{\"size\": \"5\"}",
        // nor to a Boolean
        "{\"flag\": \"true\"}",
        // null is not 0 for a primitive
        "{\"size\": null}",
        // a scalar is not a one-element list
        "{\"tags\": \"x\"}",
        // an object is not a string
        "{\"name\": {}}",
      })
  void wrongTypesFail(String json) {
    assertThrows(MismatchedInputException.class, () -> MAPPER.readValue(json, Body.class));
  }

  /**
   * "Wrong types are errors": a fractional number is not an integer, and silently truncating it
   * (a rate limit of 2.9 stored as 2) hides the caller's mistake.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a fraction for an Integer
        "{\"size\": 1, \"count\": 1.5}",
        // a fraction for an int
        "{\"size\": 2.9}",
      })
  void fractionalNumbersForIntegerFieldsFail(String json) {
    assertThrows(MismatchedInputException.class, () -> MAPPER.readValue(json, Body.class));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a second document after the first
        "{\"name\":\"a\"} {}",
        // garbage after the document
        "{\"name\":\"a\"} x",
        // a second value after a scalar document
        "\"a\" \"b\"",
      })
  void trailingTokensFail(String json) {
    assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, Object.class));
  }

  @Test
  void datesAreWrittenAsIso8601() throws Exception {
    assertEquals(
        "{\"at\":\"2024-01-02T03:04:05Z\"}",
        MAPPER.writeValueAsString(new When(Instant.parse("2024-01-02T03:04:05Z"))));
    assertEquals(
        Instant.parse("2024-01-02T03:04:05Z"),
        MAPPER.readValue("{\"at\":\"2024-01-02T03:04:05Z\"}", When.class).at());
  }

  @Test
  void emptyBeansAreWrittenAsEmptyObjects() throws Exception {
    assertEquals("{}", MAPPER.writeValueAsString(new Object()));
  }

  @Test
  void everyTypeGetsTheSameMapper() {
    ObjectMapperResolver resolver = new ObjectMapperResolver();

    assertSame(MAPPER, resolver.getContext(Body.class));
    assertSame(MAPPER, resolver.getContext(String.class));
  }
}
