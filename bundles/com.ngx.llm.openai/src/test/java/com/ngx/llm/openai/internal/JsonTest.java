package com.ngx.llm.openai.internal;

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
  void escapesWhatJsonRequires() {
    // each case: a string, its JSON literal
    String[][] cases = {
      {"plain", "\"plain\""},
      {"", "\"\""},
      {"q\"b\\s/", "\"q\\\"b\\\\s/\""}, // the solidus needs no escape
      {"\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""}, // the short escapes
      {"\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\""}, // other controls as \\u
      {"\u007f", "\"\u007f\""}, // DEL is no control character to JSON
      {"\u2028\u2029", "\"\\u2028\\u2029\""}, // line separators, which break JavaScript
      {"Café ñ 日本語", "\"Café ñ 日本語\""}, // non-ASCII as is: the body is UTF-8
      {"😀", "\"😀\""}, // a surrogate pair as is
      {"a\ud83db", "\"a\\ud83db\""}, // a lone high surrogate is escaped
      {"a\ude00b", "\"a\\ude00b\""}, // a lone low surrogate is escaped
      {"\ude00\ud83d", "\"\\ude00\\ud83d\""}, // a pair in the wrong order: two lone ones
      {"end\ud83d", "\"end\\ud83d\""}, // a high surrogate at the very end
    };
    for (String[] c : cases) {
      assertEquals(c[1], Json.string(c[0]), c[1]);
    }
    assertEquals("null", Json.string(null));
  }

  @Test
  void everyCharacterRoundTrips() {
    // all of the BMP, unpaired surrogates included, and a character beyond it
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= 0xffff; c++) {
      all.append((char) c);
    }
    all.appendCodePoint(0x1f600);
    String s = all.toString();
    assertEquals(s, Json.parse(Json.string(s)));
  }

  @Test
  void parsesValues() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2.5e1, 0.5E+2, true, false, null], \"s\": \"q\\\"\\\\\\/\\n\\u00e9\","
                + " \"o\": {}, \"e\": [], \"p\": \"\\ud83d\\ude00\", \"u\": \"\\u00C9\"} ");
    assertEquals(
        Map.of(
            "a",
                Arrays.asList(
                    new BigDecimal("1"),
                    new BigDecimal("-2.5e1"),
                    new BigDecimal("0.5E+2"),
                    true,
                    false,
                    null),
            "s", "q\"\\/\né",
            "o", Map.of(),
            "e", List.of(),
            "p", "😀",
            "u", "É"),
        v);
  }

  @Test
  void aRepeatedNameKeepsTheLastValue() {
    assertEquals(Map.of("a", new BigDecimal(2)), Json.parse("{\"a\":1,\"a\":2}"));
  }

  @Test
  void membersKeepTheirOrder() {
    assertEquals(
        List.of("z", "a", "m"),
        List.copyOf(Json.object(Json.parse("{\"z\":1,\"a\":2,\"m\":3}")).keySet()));
  }

  @Test
  void aByteOrderMarkIsSkipped() {
    assertEquals(Map.of("a", true), Json.parse("\uFEFF{\"a\":true}"));
  }

  @Test
  void objectOfAnythingElseIsEmpty() {
    assertEquals(Map.of(), Json.object(null));
    assertEquals(Map.of(), Json.object(List.of()));
    assertEquals(Map.of(), Json.object("x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "{", "}", "{\"a\" 1}", "{\"a\":1,}", "{,}", "[1,]", "[1 2]", "01", "1.", ".5",
        "-", "+1", "1e", "\"x", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "tru", "nul", "True",
        "{} {}", "\"a\nb\"", "\"a\u0000b\"", "1e99999999999", "{'a':1}", "{a:1}", "NaN",
        "Infinity", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]"
      })
  void rejectsWhatIsNotJson(String text) {
    assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
  }

  @Test
  void nestingUpToTheLimitParses() {
    String deep = "[".repeat(Json.MAX_DEPTH) + "1" + "]".repeat(Json.MAX_DEPTH);
    Json.parse(deep);
    String tooDeep = "[".repeat(Json.MAX_DEPTH + 2) + "1" + "]".repeat(Json.MAX_DEPTH + 2);
    assertEquals(
        "nested too deeply at offset " + (Json.MAX_DEPTH + 1),
        assertThrows(IllegalArgumentException.class, () -> Json.parse(tooDeep)).getMessage());
  }
}
