package com.ngx.vertical.professional.internal;

/**
 * Reads a string member of a JSON document's top-level object, so the bundle needs no JSON library
 * for the two fields it shows (name and description).
 *
 * <p>It assumes well-formed JSON (the unit tests parse the documents with a real parser) and skips
 * nested objects and arrays, so {@code personality.name} is never taken for the top-level {@code
 * name}.
 */
final class TopLevelFields {
  private TopLevelFields() {}

  /**
   * The unescaped value of the top-level member {@code key}.
   *
   * @throws IllegalArgumentException if there is no such member or its value is not a string
   */
  static String string(String json, String key) {
    int depth = 0;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = closingQuote(json, i);
        if (depth == 1 && json.substring(i + 1, end).equals(key)) {
          int colon = skipWhitespace(json, end + 1);
          // a member name is followed by ':'; a string value never is
          if (colon < json.length() && json.charAt(colon) == ':') {
            int value = skipWhitespace(json, colon + 1);
            if (value >= json.length() || json.charAt(value) != '"') {
              throw new IllegalArgumentException("\"" + key + "\" is not a string");
            }
            return unescape(json.substring(value + 1, closingQuote(json, value)));
          }
        }
        i = end;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    throw new IllegalArgumentException("no top-level member \"" + key + "\"");
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

  private static int skipWhitespace(String json, int from) {
    int i = from;
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    return out.toString();
  }
}
