package com.ngx.vertical.fitness.internal;

/**
 * Reads one string member of a JSON document's top-level object: just enough for a template's
 * {@code name} and {@code description}, so that the bundle needs no JSON library at run time.
 */
final class TopLevelString {
  private TopLevelString() {}

  /**
   * The value of the top-level string member {@code key}; nested objects and arrays are skipped.
   *
   * @throws IllegalArgumentException when there is no such member or its value is not a string
   */
  static String read(String json, String key) {
    int depth = 0;
    boolean expectValue = false; // just read the top-level key we look for, and its colon
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        StringBuilder text = new StringBuilder();
        i = readString(json, i + 1, text);
        if (depth == 1) {
          if (expectValue) {
            return text.toString();
          }
          expectValue = key.contentEquals(text) && next(json, i) == ':';
        }
        continue;
      }
      if (expectValue && c != ':' && !Character.isWhitespace(c)) {
        throw new IllegalArgumentException("top-level member \"" + key + "\" is not a string");
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      i++;
    }
    throw new IllegalArgumentException("no top-level string member \"" + key + "\"");
  }

  /** Appends the unescaped string that starts at {@code from}; returns the index after its closing quote. */
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
      char e = json.charAt(i++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
          i += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    throw new IllegalArgumentException("unterminated string in JSON");
  }

  private static char next(String json, int from) {
    for (int i = from; i < json.length(); i++) {
      if (!Character.isWhitespace(json.charAt(i))) {
        return json.charAt(i);
      }
    }
    return 0;
  }
}
