package com.ngx.llm.openai.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON (RFC 8259) for the chat-completions protocol: writing string literals, and
 * parsing the server's answers.
 *
 * <p>Parsed values are {@code Map<String, Object>} (members in order; a repeated name keeps its
 * last value), {@code List<Object>}, {@code String}, {@code BigDecimal}, {@code Boolean} or null.
 * The JDK has no JSON, and a few dozen lines here spare the plugin a dependency on the platform's
 * copy of a library.
 */
final class Json {
  /** Deeper documents are refused: no answer of the protocol is nested more than a few levels. */
  static final int MAX_DEPTH = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * {@code value} as a JSON string literal, or {@code null}.
   *
   * <p>Escapes what JSON requires ({@code "}, {@code \} and the control characters U+0000–U+001F),
   * the two line separators U+2028 and U+2029 (which break JavaScript readers), and unpaired
   * surrogates, which UTF-8 cannot encode (they would arrive as {@code ?}); everything else,
   * including characters outside the Basic Multilingual Plane, is written as is.
   */
  static String string(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 16).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            unicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /**
   * Parses one JSON value that makes up all of {@code text} (a leading byte order mark and
   * surrounding white space aside).
   *
   * @throws IllegalArgumentException if it is not JSON (the message says what and where)
   */
  static Object parse(String text) {
    Parser p = new Parser(text);
    if (text.startsWith("\uFEFF")) {
      p.pos = 1;
    }
    p.space();
    Object value = p.value(0);
    p.space();
    if (p.pos != text.length()) {
      throw p.error("unexpected content after the value");
    }
    return value;
  }

  /** {@code value} as an object, or an empty one when it is anything else. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deeply");
      }
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character");
      }
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> members = new LinkedHashMap<>();
      pos++;
      space();
      if (peek() == '}') {
        pos++;
        return members;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String name = string();
        space();
        expect(':');
        space();
        members.put(name, value(depth + 1));
        space();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return members;
        }
      }
    }

    private List<Object> array(int depth) {
      List<Object> items = new ArrayList<>();
      pos++;
      space();
      if (peek() == ']') {
        pos++;
        return items;
      }
      while (true) {
        space();
        items.add(value(depth + 1));
        space();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return items;
        }
      }
    }

    private String string() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out.append(e);
            break;
          case 'b':
            out.append('\b');
            break;
          case 'f':
            out.append('\f');
            break;
          case 'n':
            out.append('\n');
            break;
          case 'r':
            out.append('\r');
            break;
          case 't':
            out.append('\t');
            break;
          case 'u':
            // a character outside the BMP comes as two escapes, a surrogate pair, which become
            // the same two chars of the Java string
            if (pos + 4 > s.length()) {
              throw error("bad unicode escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos++), 16);
              if (d < 0) {
                throw error("bad unicode escape");
              }
              code = code * 16 + d;
            }
            out.append((char) code);
            break;
          default:
            throw error("bad escape");
        }
      }
    }

    private BigDecimal number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (!digits()) {
        throw error("bad number");
      }
      if (peek() == '.') {
        pos++;
        if (!digits()) {
          throw error("bad number");
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!digits()) {
          throw error("bad number");
        }
      }
      try {
        return new BigDecimal(s.substring(start, pos));
      } catch (NumberFormatException e) {
        // an exponent beyond the range of BigDecimal
        throw error("number out of range");
      }
    }

    private boolean digits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos > start;
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected character");
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    void space() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + pos);
    }
  }
}
