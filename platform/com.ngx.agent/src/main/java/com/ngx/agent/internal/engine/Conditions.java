package com.ngx.agent.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.engine.ConversationState.SlotValue;
import com.ngx.agent.internal.model.Definition;
import java.math.BigDecimal;
import java.util.Locale;

/** Evaluates edge conditions over a conversation's state. */
final class Conditions {
  private Conditions() {}

  static boolean holds(Definition.Condition c, ConversationState st) {
    if (c instanceof Definition.All all) {
      return all.all().stream().allMatch(x -> holds(x, st));
    }
    if (c instanceof Definition.Any any) {
      return any.any().stream().anyMatch(x -> holds(x, st));
    }
    if (c instanceof Definition.Not not) {
      return !holds(not.not(), st);
    }
    Definition.Compare cmp = (Definition.Compare) c;
    return compare(value(cmp.field(), st), cmp.op(), cmp.value());
  }

  private static String value(String field, ConversationState st) {
    if (field.startsWith("slot.")) {
      SlotValue v = st.slots.get(field.substring(5));
      return v == null ? null : v.value();
    }
    if (field.startsWith("var.")) {
      return st.vars.get(field.substring(4));
    }
    return switch (field) {
      case "intent" -> st.lastIntent;
      case "objection" -> st.lastObjection;
      case "leadScore" -> Integer.toString(st.score);
      case "consent" -> st.consent == null ? null : st.consent.toString();
      default -> null;
    };
  }

  private static boolean compare(String actual, String op, JsonNode expected) {
    switch (op) {
      case "exists":
        return actual != null;
      case "missing":
        return actual == null;
      default:
        break;
    }
    if (actual == null) {
      return op.equals("ne");
    }
    return switch (op) {
      case "eq" -> equal(actual, expected);
      case "ne" -> !equal(actual, expected);
      case "in" -> {
        for (JsonNode x : expected) {
          if (equal(actual, x)) {
            yield true;
          }
        }
        yield false;
      }
      case "contains" -> actual.toLowerCase(Locale.ROOT).contains(expected.asText().toLowerCase(Locale.ROOT));
      default -> {
        BigDecimal a = number(actual);
        if (a == null || !expected.isNumber()) {
          yield false;
        }
        int cmp = a.compareTo(expected.decimalValue());
        yield switch (op) {
          case "gt" -> cmp > 0;
          case "gte" -> cmp >= 0;
          case "lt" -> cmp < 0;
          case "lte" -> cmp <= 0;
          default -> false;
        };
      }
    };
  }

  private static boolean equal(String actual, JsonNode expected) {
    if (expected.isNumber()) {
      BigDecimal a = number(actual);
      return a != null && a.compareTo(expected.decimalValue()) == 0;
    }
    return actual.equalsIgnoreCase(expected.asText());
  }

  private static BigDecimal number(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
