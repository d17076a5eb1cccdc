package com.ngx.vertical.saas.internal;

/**
 * Reads one string member of a JSON document's top-level object, just enough for the template's
 * {@code name} and {@code description}, so that the bundle needs no JSON library at run time.
 */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The value of the top-level string member {@code key}; members of nested objects and arrays
   * are skipped.
   *
   * @throws IllegalArgumentException when there is no such member or it is not a string
   */
  static String topLevel(String json, String key) {
    int depth = 0;
    String member = null;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        StringBuilder text = new StringBuilder();
        i = readString(json, i + 1, text);
        if (depth == 1) {
          boolean isKey = nextNonBlank(json, i) == ':';
          if (!isKey && key.equals(member)) {
            return text.toString();
          }
          member = isKey ? text.toString() : null;
        }
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (depth == 1 && c != ':' && c != ',' && !Character.isWhitespace(c)) {
        member = null; // a number, boolean or null: not a string value
      }
      i++;
    }
    throw new IllegalArgumentException("no top-level string member \"" + key + "\"");
  }

  /**
   * Appends the unescaped string that starts at {@code from}, just after its opening quote, and
   * returns the index after its closing quote.
   */
  private static int readString(String json, int from, StringBuilder out) {
    int i = from;
    while (i < json.length()) {
      char c = json.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i == json.length()) {
        break;
      }
      char e = json.charAt(i++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (i + 4 > json.length()) {
            throw new IllegalArgumentException("truncated \\u escape in JSON");
          }
          out.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
          i += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    throw new IllegalArgumentException("unterminated string in JSON");
  }

  private static char nextNonBlank(String json, int from) {
    for (int i = from; i < json.length(); i++) {
      if (!Character.isWhitespace(json.charAt(i))) {
        return json.charAt(i);
      }
    }
    return 0;
  }
}
