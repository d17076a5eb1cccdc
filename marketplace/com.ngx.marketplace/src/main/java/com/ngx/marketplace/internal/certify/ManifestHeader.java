package com.ngx.marketplace.internal.certify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parser of OSGi manifest headers such as {@code Import-Package}: comma-separated clauses, each
 * of one or more paths followed by attributes ({@code name=value}) and directives ({@code
 * name:=value}).
 */
final class ManifestHeader {

  /**
   * One clause: the paths (package names) that share its parameters.
   *
   * @param paths the paths, e.g. {@code a} and {@code b} in {@code a;b;version="[1,2)"}
   * @param attributes the attributes by name, unquoted; a typed name ({@code version:Version})
   *     loses its type
   * @param directives the directives by name (without the colon), unquoted
   */
  record Clause(
      List<String> paths, Map<String, String> attributes, Map<String, String> directives) {}

  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private ManifestHeader() {}

  /**
   * The clauses of a header value; none for null or blank.
   *
   * @throws IllegalArgumentException for a syntax error, with a message that quotes the offending
   *     clause
   */
  static List<Clause> parse(String header) {
    List<Clause> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    for (String clause : split(header, ',')) {
      out.add(clause(clause.strip()));
    }
    return out;
  }

  private static Clause clause(String clause) {
    if (clause.isEmpty()) {
      throw new IllegalArgumentException(
          "an empty clause (two commas in a row, or a trailing comma)");
    }
    List<String> paths = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    Map<String, String> directives = new LinkedHashMap<>();
    for (String raw : split(clause, ';')) {
      String part = raw.strip();
      int eq = indexOutsideQuotes(part, '=');
      if (eq < 0) {
        if (!attributes.isEmpty() || !directives.isEmpty()) {
          throw new IllegalArgumentException(
              "'" + part + "' follows a parameter in clause '" + clause + "'");
        }
        if (part.isEmpty() || part.indexOf('"') >= 0) {
          throw new IllegalArgumentException("an empty or quoted name in clause '" + clause + "'");
        }
        paths.add(part);
        continue;
      }
      String name = part.substring(0, eq).strip();
      boolean directive = name.endsWith(":");
      if (directive) {
        name = name.substring(0, name.length() - 1).strip();
      } else if (name.indexOf(':') >= 0) {
        name = name.substring(0, name.indexOf(':')).strip();
      }
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a malformed parameter '" + part + "' in clause '" + clause + "'");
      }
      Map<String, String> target = directive ? directives : attributes;
      if (target.putIfAbsent(name, unquote(part.substring(eq + 1).strip(), clause)) != null) {
        throw new IllegalArgumentException(
            "'" + name + "' is given twice in clause '" + clause + "'");
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "clause '" + clause + "' names no package before its parameters");
    }
    return new Clause(List.copyOf(paths), attributes, directives);
  }

  private static String unquote(String value, String clause) {
    if (!value.startsWith("\"")) {
      if (value.indexOf('"') >= 0) {
        throw new IllegalArgumentException("a stray quote in clause '" + clause + "'");
      }
      return value;
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        out.append(value.charAt(++i));
      } else if (c == '"') {
        break;
      } else {
        out.append(c);
      }
    }
    if (i != value.length() - 1) {
      throw new IllegalArgumentException("text after a closing quote in clause '" + clause + "'");
    }
    return out.toString();
  }

  /**
   * Splits at {@code separator} outside double quotes; a backslash inside quotes escapes the next
   * character.
   */
  private static List<String> split(String text, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        out.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    if (quoted) {
      throw new IllegalArgumentException("an unterminated quote in '" + text.strip() + "'");
    }
    out.add(current.toString());
    return out;
  }

  private static int indexOutsideQuotes(String text, char wanted) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == wanted && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
