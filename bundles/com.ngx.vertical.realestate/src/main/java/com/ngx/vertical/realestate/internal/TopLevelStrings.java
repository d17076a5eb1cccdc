package com.ngx.vertical.realestate.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the string members of a JSON document's top-level object, skipping everything nested.
 *
 * <p>Just enough JSON for a template's {@code name} and {@code description}, so that the bundle
 * needs no JSON library: the engine validates the whole document anyway.
 */
final class TopLevelStrings {
  private TopLevelStrings() {}

  /**
   * The top-level members whose value is a string, by name.
   *
   * @throws IllegalArgumentException on an unterminated string or a bad escape
   */
  static Map<String, String> read(String json) {
    Map<String, String> members = new HashMap<>();
    int depth = 0;
    String name = null; // the top-level member whose value comes next
    boolean value = false; // after the colon of a top-level member
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '"' -> {
          int end = closingQuote(json, i);
          if (depth == 1) {
            String s = unescape(json, i + 1, end);
            if (!value) {
              name = s;
            } else if (name != null) {
              members.put(name, s);
              name = null;
            }
          }
          i = end;
        }
        case '{', '[' -> depth++;
        case '}', ']' -> depth--;
        case ':' -> value |= depth == 1;
        case ',' -> {
          if (depth == 1) {
            value = false;
            name = null;
          }
        }
        default -> {}
      }
    }
    return members;
  }

  private static int closingQuote(String json, int open) {
    for (int i = open + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated string at " + open);
  }

  private static String unescape(String json, int from, int to) {
    StringBuilder s = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = json.charAt(++i);
      switch (e) {
        case '"', '\\', '/' -> s.append(e);
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = i + k < to ? Character.digit(json.charAt(i + k), 16) : -1;
            if (digit < 0) {
              throw new IllegalArgumentException("bad \\u escape at " + i);
            }
            code = code * 16 + digit;
          }
          s.append((char) code);
          i += 4;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + e + " at " + i);
      }
    }
    return s.toString();
  }
}
