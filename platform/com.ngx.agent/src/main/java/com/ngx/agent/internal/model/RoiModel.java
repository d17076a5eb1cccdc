package com.ngx.agent.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.rest.Validator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template's ROI model: inputs with defaults and outputs computed by formulas. Arithmetic is
 * decimal ({@link MathContext#DECIMAL64}, half-even), so the same inputs always give the same
 * figures; outputs are rounded to 2 decimals. Formulas use input ids, numbers, {@code + - * /},
 * parentheses and {@code min(a,b)}, {@code max(a,b)}, {@code round(x,digits)}.
 */
public final class RoiModel {
  private static final MathContext MC = MathContext.DECIMAL64;

  private RoiModel() {}

  /** Checks the model's shape and that every formula parses and uses only its inputs. */
  static void validate(JsonNode roi, Validator v) {
    if (!roi.isObject()) {
      v.error("roi", "must be an object with inputs and outputs");
      return;
    }
    Set<String> inputs = new HashSet<>();
    JsonNode in = roi.path("inputs");
    if (!in.isArray() || in.size() == 0) {
      v.error("roi.inputs", "needs at least one input");
    } else {
      for (int i = 0; i < in.size(); i++) {
        String id = in.get(i).path("id").asText("");
        if (!DefinitionReader.ID.matcher(id).matches()) {
          v.error("roi.inputs[" + i + "].id", "must be 1–40 of [a-z0-9_-]");
        }
        if (!in.get(i).path("default").isNumber()) {
          v.error("roi.inputs[" + i + "].default", "must be a number");
        }
        inputs.add(id);
      }
    }
    JsonNode out = roi.path("outputs");
    if (!out.isArray() || out.size() == 0) {
      v.error("roi.outputs", "needs at least one output");
      return;
    }
    for (int i = 0; i < out.size(); i++) {
      String formula = out.get(i).path("formula").asText("");
      try {
        new Parser(formula, null, inputs).parse();
      } catch (IllegalArgumentException e) {
        v.error("roi.outputs[" + i + "].formula", e.getMessage());
      }
    }
  }

  /**
   * Computes every output for the given inputs (missing inputs take their defaults).
   *
   * @throws IllegalArgumentException naming the input that is unknown, not a number or out of range
   */
  public static Map<String, BigDecimal> compute(JsonNode roi, Map<String, BigDecimal> given) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode in : roi.path("inputs")) {
      String id = in.path("id").asText();
      ids.add(id);
      BigDecimal value = given.containsKey(id) ? given.get(id) : in.path("default").decimalValue();
      if (in.has("min") && value.compareTo(in.get("min").decimalValue()) < 0) {
        throw new IllegalArgumentException("inputs." + id + ": must be at least " + in.get("min").asText());
      }
      if (in.has("max") && value.compareTo(in.get("max").decimalValue()) > 0) {
        throw new IllegalArgumentException("inputs." + id + ": must be at most " + in.get("max").asText());
      }
      values.put(id, value);
    }
    for (String k : given.keySet()) {
      if (!ids.contains(k)) {
        throw new IllegalArgumentException("inputs." + k + ": unknown input");
      }
    }
    Map<String, BigDecimal> outputs = new LinkedHashMap<>();
    for (JsonNode out : roi.path("outputs")) {
      BigDecimal r = new Parser(out.path("formula").asText(), values, ids).parse();
      outputs.put(out.path("id").asText(), r.setScale(2, RoundingMode.HALF_EVEN));
    }
    return outputs;
  }

  /** Recursive descent: expr = term (('+'|'-') term)*; term = unary (('*'|'/') unary)*. */
  private static final class Parser {
    private final String s;
    private final Map<String, BigDecimal> values; // null: only check
    private final Set<String> names;
    private int pos;

    Parser(String s, Map<String, BigDecimal> values, Set<String> names) {
      this.s = s;
      this.values = values;
      this.names = names;
    }

    BigDecimal parse() {
      if (s.isBlank()) {
        throw new IllegalArgumentException("is required");
      }
      BigDecimal r = expr();
      skip();
      if (pos < s.length()) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(pos) + "' at " + (pos + 1));
      }
      return r;
    }

    private BigDecimal expr() {
      BigDecimal r = term();
      while (true) {
        skip();
        if (eat('+')) {
          r = r.add(term(), MC);
        } else if (eat('-')) {
          r = r.subtract(term(), MC);
        } else {
          return r;
        }
      }
    }

    private BigDecimal term() {
      BigDecimal r = unary();
      while (true) {
        skip();
        if (eat('*')) {
          r = r.multiply(unary(), MC);
        } else if (eat('/')) {
          BigDecimal d = unary();
          if (values != null) {
            r = d.signum() == 0 ? BigDecimal.ZERO : r.divide(d, MC);
          }
        } else {
          return r;
        }
      }
    }

    private BigDecimal unary() {
      skip();
      if (eat('-')) {
        return unary().negate();
      }
      if (eat('(')) {
        BigDecimal r = expr();
        expect(')');
        return r;
      }
      int start = pos;
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        try {
          return new BigDecimal(s.substring(start, pos));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad number at " + (start + 1));
        }
      }
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      String name = s.substring(start, pos);
      if (name.isEmpty()) {
        throw new IllegalArgumentException(pos < s.length() ? "unexpected '" + s.charAt(pos) + "' at " + (pos + 1) : "unexpected end");
      }
      skip();
      if (eat('(')) {
        BigDecimal a = expr();
        expect(',');
        BigDecimal b = expr();
        expect(')');
        return switch (name) {
          case "min" -> a.min(b);
          case "max" -> a.max(b);
          case "round" -> a.setScale(b.intValue(), RoundingMode.HALF_EVEN);
          default -> throw new IllegalArgumentException("unknown function " + name + "(…)");
        };
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException("unknown input '" + name + "'");
      }
      return values == null ? BigDecimal.ONE : values.get(name);
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private boolean eat(char c) {
      skip();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!eat(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + (pos + 1));
      }
    }
  }
}
