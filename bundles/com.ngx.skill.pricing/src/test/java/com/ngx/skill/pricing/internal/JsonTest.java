package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesValues() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2.5e1, true, false, null], \"s\": \"q\\\"\\\\\\/\\n\\u00e9\","
                + " \"o\": {}, \"e\": []} ");
    assertEquals(
        Map.of(
            "a", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null),
            "s", "q\"\\/\né",
            "o", Map.of(),
            "e", List.of()),
        v);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "{", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"x", "\"\\x\"", "tru",
        "{} {}", "\"a\nb\"", "1e99999999999", "{'a':1}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]"
      })
  void rejectsWhatIsNotJson(String text) {
    assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
  }

  @Test
  void escapesStrings() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028é\"", Json.string("a\"b\\c\n\u0001\u2028é"));
    assertEquals("null", Json.string(null));
    // what it writes, it reads back
    String s = "tab\t cr\r \u0000 \"quoted\" \\ ünïcödé";
    assertEquals(s, Json.parse(Json.string(s)));
  }
}
