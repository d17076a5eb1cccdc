package com.ngx.vertical.realestate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a template document against docs/agent-definition.md, each returning the problems it
 * finds (empty when the document is right), so that tests can also show that a check fails.
 */
final class TemplateChecks {
  static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");
  static final Set<String> BUILT_IN_SLOTS =
      Set.of("name", "email", "phone", "company", "company_size", "budget", "timeline", "role");
  static final Set<String> NODE_TYPES =
      Set.of("message", "question", "branch", "condition", "knowledge", "objection", "ab_split",
          "cta", "handoff", "end");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern FORMULA_TOKEN =
      Pattern.compile("\\s*(?:([a-z][a-z0-9_]*)|(\\d+(?:\\.\\d+)?)|([-+*/(),]))");

  private TemplateChecks() {}

  /** Every node a node continues to exists; every response key a node or rule names exists. */
  static List<String> references(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Set<String> nodes = nodeIds(doc);
    Set<String> responses = keys(doc.path("responses"));
    if (!nodes.contains(doc.path("flow").path("start").asText())) {
      problems.add("flow.start names no node");
    }
    for (JsonNode node : doc.path("flow").path("nodes")) {
      String at = "flow.nodes[" + node.path("id").asText() + "]";
      for (String field : List.of("next", "else")) {
        if (node.has(field) && !nodes.contains(node.get(field).asText())) {
          problems.add(at + "." + field + " -> " + node.get(field).asText());
        }
      }
      for (JsonNode edge : node.path("edges")) {
        if (!nodes.contains(edge.path("to").asText())) {
          problems.add(at + ".edges.to -> " + edge.path("to").asText());
        }
      }
      for (String field : List.of("say", "reprompt", "fallback")) {
        if (node.has(field) && !responses.contains(node.get(field).asText())) {
          problems.add(at + "." + field + " -> missing response " + node.get(field).asText());
        }
      }
      for (JsonNode variant : node.path("variants")) {
        if (variant.has("say") && !responses.contains(variant.get("say").asText())) {
          problems.add(at + ".variants.say -> missing response " + variant.get("say").asText());
        }
        if (variant.has("to") && !nodes.contains(variant.get("to").asText())) {
          problems.add(at + ".variants.to -> " + variant.get("to").asText());
        }
      }
    }
    for (JsonNode rule : doc.path("compliance")) {
      if (rule.has("say") && !responses.contains(rule.get("say").asText())) {
        problems.add("compliance[" + rule.path("id").asText() + "].say -> missing response");
      }
    }
    return problems;
  }

  /** Identifiers follow the identifier rule and are unique; node types are the documented ones. */
  static List<String> identifiers(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> ids = new HashMap<>();
    ids.put("node", texts(doc.path("flow").path("nodes"), "id"));
    ids.put("intent", texts(doc.path("intents"), "name"));
    ids.put("slot", texts(doc.path("slots"), "name"));
    ids.put("objection", texts(doc.path("objections"), "id"));
    ids.put("compliance", texts(doc.path("compliance"), "id"));
    ids.put("metric", texts(doc.path("metrics"), "id"));
    ids.put("response", new ArrayList<>(keys(doc.path("responses"))));
    ids.forEach(
        (kind, list) -> {
          for (String id : list) {
            if (!IDENTIFIER.matcher(id).matches()) {
              problems.add(kind + " id " + id + " breaks the identifier rule");
            }
          }
          if (new LinkedHashSet<>(list).size() != list.size()) {
            problems.add(kind + " ids are not unique: " + list);
          }
        });
    for (String intent : ids.get("intent")) {
      if (BUILT_IN_INTENTS.contains(intent)) {
        problems.add("declares the built-in intent " + intent);
      }
    }
    for (String slot : ids.get("slot")) {
      if (BUILT_IN_SLOTS.contains(slot)) {
        problems.add("declares the built-in slot " + slot);
      }
    }
    for (JsonNode node : doc.path("flow").path("nodes")) {
      if (!NODE_TYPES.contains(node.path("type").asText())) {
        problems.add("node " + node.path("id").asText() + " has type " + node.path("type"));
      }
    }
    return problems;
  }

  /** No phrase is an example twice, among all intents and objections of one document. */
  static List<String> duplicateExamples(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Map<String, String> owner = new HashMap<>();
    for (JsonNode intent : doc.path("intents")) {
      exampleOwners("intent:" + intent.path("name").asText(), intent, owner, problems);
    }
    for (JsonNode objection : doc.path("objections")) {
      exampleOwners("objection:" + objection.path("id").asText(), objection, owner, problems);
    }
    return problems;
  }

  private static void exampleOwners(
      String label, JsonNode item, Map<String, String> owner, List<String> problems) {
    for (JsonNode example : item.path("examples")) {
      String phrase = normalize(example.asText());
      String first = owner.putIfAbsent(phrase, label);
      if (first != null) {
        problems.add("\"" + example.asText() + "\" is an example of " + first + " and " + label);
      }
    }
  }

  /** Variables are the documented ones; slot variables name a declared or built-in slot. */
  static List<String> variables(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Set<String> slots = new TreeSet<>(BUILT_IN_SLOTS);
    slots.addAll(texts(doc.path("slots"), "name"));
    List<String> texts = new ArrayList<>();
    doc.path("responses").forEach(r -> texts.add(r.asText()));
    doc.path("objections").forEach(o -> texts.add(o.path("answer").asText()));
    for (String text : texts) {
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        String v = m.group(1);
        boolean ok =
            v.equals("agent.name")
                || v.equals("leadScore")
                || v.equals("cta.url")
                || v.startsWith("var.") && IDENTIFIER.matcher(v.substring(4)).matches()
                || v.startsWith("slot.") && slots.contains(v.substring(5));
        if (!ok) {
          problems.add("unknown variable {{" + v + "}}");
        }
      }
    }
    return problems;
  }

  /** ROI formulas use only input ids, numbers, + - * / ( ) and min, max, round. */
  static List<String> formulas(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Set<String> allowed = new TreeSet<>(texts(doc.path("roi").path("inputs"), "id"));
    allowed.addAll(List.of("min", "max", "round"));
    for (JsonNode output : doc.path("roi").path("outputs")) {
      String formula = output.path("formula").asText();
      Matcher m = FORMULA_TOKEN.matcher(formula);
      int at = 0;
      int depth = 0;
      while (at < formula.length() && m.region(at, formula.length()).lookingAt()) {
        if (m.group(1) != null && !allowed.contains(m.group(1))) {
          problems.add(output.path("id").asText() + ": unknown name " + m.group(1));
        }
        depth += "(".equals(m.group(3)) ? 1 : ")".equals(m.group(3)) ? -1 : 0;
        at = m.end();
      }
      if (!formula.substring(at).isBlank() || depth != 0) {
        problems.add(output.path("id").asText() + ": cannot read " + formula);
      }
    }
    return problems;
  }

  /** The fair-housing terms to avoid do not appear in the template's own replies and documents. */
  static List<String> avoidedWording(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    doc.path("responses").forEach(r -> texts.add(r.asText()));
    doc.path("objections").forEach(o -> texts.add(o.path("answer").asText()));
    doc.path("knowledge").forEach(k -> texts.add(k.path("text").asText()));
    doc.path("playbook").forEach(p -> texts.add(p.path("text").asText()));
    for (JsonNode rule : doc.path("compliance")) {
      for (JsonNode term : rule.path("terms")) {
        String avoid = term.path("avoid").asText().toLowerCase(Locale.ROOT);
        for (String text : texts) {
          if (text.toLowerCase(Locale.ROOT).contains(avoid)) {
            problems.add("\"" + avoid + "\" in: " + text.substring(0, Math.min(60, text.length())));
          }
        }
      }
    }
    return problems;
  }

  static Set<String> nodeIds(JsonNode doc) {
    return new TreeSet<>(texts(doc.path("flow").path("nodes"), "id"));
  }

  static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.path(field).asText()));
    return values;
  }

  static String normalize(String phrase) {
    return phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
