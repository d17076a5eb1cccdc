package com.ngx.vertical.healthcare.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Evaluates an ROI formula in the documented grammar only: numbers, input ids, {@code + - * /},
 * parentheses and {@code min(a,b)}, {@code max(a,b)}, {@code round(x,digits)}. Anything else is
 * an {@link IllegalArgumentException}, so a formula the engine would refuse fails the test.
 */
final class Formula {
  private final String text;
  private final Map<String, Double> inputs;
  private int pos;

  private Formula(String text, Map<String, Double> inputs) {
    this.text = text;
    this.inputs = inputs;
  }

  static double evaluate(String formula, Map<String, Double> inputs) {
    Formula f = new Formula(formula, inputs);
    double value = f.sum();
    f.skipSpaces();
    if (f.pos != formula.length()) {
      throw f.error("unexpected text");
    }
    return value;
  }

  private double sum() {
    double value = product();
    while (true) {
      if (eat('+')) {
        value += product();
      } else if (eat('-')) {
        value -= product();
      } else {
        return value;
      }
    }
  }

  private double product() {
    double value = unary();
    while (true) {
      if (eat('*')) {
        value *= unary();
      } else if (eat('/')) {
        value /= unary();
      } else {
        return value;
      }
    }
  }

  private double unary() {
    return eat('-') ? -unary() : atom();
  }

  private double atom() {
    skipSpaces();
    if (eat('(')) {
      double value = sum();
      expect(')');
      return value;
    }
    int start = pos;
    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      return Double.parseDouble(text.substring(start, pos));
    }
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (name.isEmpty()) {
      throw error("expected a number, an input or a function");
    }
    if (!eat('(')) {
      Double value = inputs.get(name);
      if (value == null) {
        throw error("unknown input " + name);
      }
      return value;
    }
    double a = sum();
    expect(',');
    double b = sum();
    expect(')');
    return switch (name) {
      case "min" -> Math.min(a, b);
      case "max" -> Math.max(a, b);
      case "round" -> BigDecimal.valueOf(a).setScale((int) b, RoundingMode.HALF_UP).doubleValue();
      default -> throw error("unknown function " + name);
    };
  }

  private boolean eat(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!eat(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at " + pos + " in: " + text);
  }
}
