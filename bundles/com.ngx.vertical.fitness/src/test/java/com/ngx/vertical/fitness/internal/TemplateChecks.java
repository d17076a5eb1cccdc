package com.ngx.vertical.fitness.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@code docs/agent-definition.md} that a template document must follow, as checks
 * that return every problem found (empty: all is well), so a test can show both that the shipped
 * documents pass and that a broken document is caught.
 */
final class TemplateChecks {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");
  static final Set<String> BUILT_IN_SLOTS =
      Set.of("name", "email", "phone", "company", "company_size", "budget", "timeline", "role");
  static final Set<String> NODE_TYPES =
      Set.of("message", "question", "branch", "condition", "knowledge", "objection", "ab_split", "cta", "handoff", "end");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*}}");
  private static final Pattern FORMULA_WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern FORMULA_CHARS = Pattern.compile("[A-Za-z0-9_.+\\-*/(), ]+");

  private TemplateChecks() {}

  /** Problems of one document on its own: identifiers, references, the objection library, duplicates. */
  static List<String> document(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    if (doc.path("schemaVersion").asInt() != 1) {
      problems.add("schemaVersion must be 1");
    }
    Set<String> responses = keys(doc.path("responses"));
    responses.stream().filter(k -> !ID.matcher(k).matches()).forEach(k -> problems.add("response key " + k));
    Set<String> slots = new LinkedHashSet<>(BUILT_IN_SLOTS);
    for (JsonNode s : doc.path("slots")) {
      String name = s.path("name").asText();
      if (!ID.matcher(name).matches() || BUILT_IN_SLOTS.contains(name) || !slots.add(name)) {
        problems.add("slot name " + name);
      }
    }
    for (JsonNode i : doc.path("intents")) {
      String name = i.path("name").asText();
      if (!ID.matcher(name).matches() || BUILT_IN_INTENTS.contains(name)) {
        problems.add("intent name " + name);
      }
    }
    Set<String> objectionIds = new LinkedHashSet<>();
    for (JsonNode o : doc.path("objections")) {
      String id = o.path("id").asText();
      if (!ID.matcher(id).matches() || !objectionIds.add(id)) {
        problems.add("objection id " + id);
      }
      if (o.path("examples").size() < 4) {
        problems.add("objection " + id + " has fewer than 4 examples");
      }
      if (o.path("answer").asText().isBlank() || o.path("name").asText().isBlank()) {
        problems.add("objection " + id + " needs a name and an answer");
      }
    }
    if (objectionIds.size() < 25) {
      problems.add("only " + objectionIds.size() + " objections, at least 25 expected");
    }
    problems.addAll(duplicateExamples(List.of(doc)));
    problems.addAll(flow(doc.path("flow"), responses, slots));
    for (JsonNode r : doc.path("compliance")) {
      if (r.has("say") && !responses.contains(r.get("say").asText())) {
        problems.add("compliance " + r.path("id").asText() + " says unknown response " + r.get("say").asText());
      }
    }
    int weights = 0;
    for (JsonNode f : doc.path("qualification").path("fields")) {
      weights += f.path("weight").asInt();
      if (!slots.contains(f.path("slot").asText())) {
        problems.add("qualification uses unknown slot " + f.path("slot").asText());
      }
    }
    if (weights != 100) {
      problems.add("qualification weights add up to " + weights);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Matcher m = VARIABLE.matcher(e.getValue().asText());
      while (m.find()) {
        String v = m.group(1);
        boolean ok = v.equals("agent.name") || v.equals("leadScore") || v.equals("cta.url") || v.startsWith("var.")
            || (v.startsWith("slot.") && slots.contains(v.substring(5)));
        if (!ok) {
          problems.add("response " + e.getKey() + " uses unknown variable " + v);
        }
      }
    }
    problems.addAll(roi(doc.path("roi")));
    return problems;
  }

  /** Every say/reprompt/fallback is a response; every next/to/else is a node. */
  private static List<String> flow(JsonNode flow, Set<String> responses, Set<String> slots) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode n : flow.path("nodes")) {
      if (!ID.matcher(n.path("id").asText()).matches() || !ids.add(n.path("id").asText())) {
        problems.add("node id " + n.path("id").asText());
      }
    }
    if (!ids.contains(flow.path("start").asText())) {
      problems.add("flow.start " + flow.path("start").asText() + " is not a node");
    }
    for (JsonNode n : flow.path("nodes")) {
      String id = n.path("id").asText();
      if (!NODE_TYPES.contains(n.path("type").asText())) {
        problems.add("node " + id + " has type " + n.path("type").asText());
      }
      for (String field : List.of("say", "reprompt", "fallback")) {
        if (n.has(field) && !responses.contains(n.get(field).asText())) {
          problems.add("node " + id + "." + field + " → unknown response " + n.get(field).asText());
        }
      }
      for (JsonNode v : n.path("variants")) {
        if (v.has("say") && !responses.contains(v.get("say").asText())) {
          problems.add("node " + id + " variant " + v.path("id").asText() + " → unknown response " + v.get("say").asText());
        }
      }
      List<String> targets = new ArrayList<>();
      for (String field : List.of("next", "else")) {
        if (n.has(field)) {
          targets.add(n.get(field).asText());
        }
      }
      n.path("edges").forEach(e -> targets.add(e.path("to").asText()));
      targets.stream().filter(t -> !ids.contains(t)).forEach(t -> problems.add("node " + id + " → unknown node " + t));
      if ("question".equals(n.path("type").asText()) && !slots.contains(n.path("slot").asText())) {
        problems.add("node " + id + " asks unknown slot " + n.path("slot").asText());
      }
    }
    return problems;
  }

  /** Formulas use only the inputs, numbers, + - * /, parentheses, min, max and round. */
  private static List<String> roi(JsonNode roi) {
    List<String> problems = new ArrayList<>();
    Set<String> inputs = new LinkedHashSet<>();
    for (JsonNode in : roi.path("inputs")) {
      inputs.add(in.path("id").asText());
      if (!in.path("default").isNumber()) {
        problems.add("roi input " + in.path("id").asText() + " needs a numeric default");
      }
    }
    for (JsonNode out : roi.path("outputs")) {
      String formula = out.path("formula").asText();
      if (!FORMULA_CHARS.matcher(formula).matches() || !balanced(formula)) {
        problems.add("roi output " + out.path("id").asText() + ": malformed formula " + formula);
      }
      Matcher m = FORMULA_WORD.matcher(formula);
      while (m.find()) {
        String w = m.group();
        if (!inputs.contains(w) && !Set.of("min", "max", "round").contains(w)) {
          problems.add("roi output " + out.path("id").asText() + " uses unknown name " + w);
        }
      }
    }
    return problems;
  }

  private static boolean balanced(String formula) {
    int depth = 0;
    for (char c : formula.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /**
   * An example phrase (normalised like the engine does: case, accents, punctuation) that belongs
   * to two intents or objections, within one document or across the documents that get merged.
   */
  static List<String> duplicateExamples(List<JsonNode> docs) {
    List<String> problems = new ArrayList<>();
    Map<String, String> owner = new HashMap<>();
    for (JsonNode doc : docs) {
      Map<String, String> seenHere = new HashMap<>();
      for (String list : List.of("intents", "objections")) {
        for (JsonNode x : doc.path(list)) {
          String label = list + ":" + x.path(list.equals("intents") ? "name" : "id").asText();
          for (JsonNode e : x.path("examples")) {
            String phrase = normalise(e.asText());
            String before = seenHere.put(phrase, label);
            String other = owner.putIfAbsent(phrase, label);
            if (before != null) {
              problems.add("\"" + e.asText() + "\" appears twice (" + before + ", " + label + ")");
            } else if (other != null && !other.equals(label)) {
              problems.add("\"" + e.asText() + "\" belongs to " + other + " and " + label);
            }
          }
        }
      }
    }
    return problems;
  }

  /** Differences in structure between two languages' documents; only texts may differ. */
  static List<String> sameStructure(JsonNode a, JsonNode b) {
    List<String> problems = new ArrayList<>();
    compare(problems, "flow", a.path("flow"), b.path("flow"));
    compare(problems, "response keys", keys(a.path("responses")), keys(b.path("responses")));
    compare(problems, "intent names", values(a.path("intents"), "name"), values(b.path("intents"), "name"));
    compare(problems, "slot names", values(a.path("slots"), "name"), values(b.path("slots"), "name"));
    for (int i = 0; i < Math.min(a.path("slots").size(), b.path("slots").size()); i++) {
      JsonNode sa = a.path("slots").get(i);
      JsonNode sb = b.path("slots").get(i);
      compare(problems, "slot " + sa.path("name").asText() + " type", sa.path("type"), sb.path("type"));
      compare(problems, "slot " + sa.path("name").asText() + " values", keys(sa.path("values")), keys(sb.path("values")));
    }
    compare(problems, "qualification", a.path("qualification"), b.path("qualification"));
    compare(problems, "objection ids", values(a.path("objections"), "id"), values(b.path("objections"), "id"));
    compare(problems, "compliance ids", values(a.path("compliance"), "id"), values(b.path("compliance"), "id"));
    compare(problems, "compliance types", values(a.path("compliance"), "type"), values(b.path("compliance"), "type"));
    compare(problems, "compliance says", values(a.path("compliance"), "say"), values(b.path("compliance"), "say"));
    compare(problems, "roi currency", a.path("roi").path("currency"), b.path("roi").path("currency"));
    compare(problems, "roi input ids", values(a.path("roi").path("inputs"), "id"), values(b.path("roi").path("inputs"), "id"));
    compare(problems, "roi defaults", values(a.path("roi").path("inputs"), "default"), values(b.path("roi").path("inputs"), "default"));
    compare(problems, "roi output ids", values(a.path("roi").path("outputs"), "id"), values(b.path("roi").path("outputs"), "id"));
    compare(problems, "roi formulas", values(a.path("roi").path("outputs"), "formula"), values(b.path("roi").path("outputs"), "formula"));
    compare(problems, "roi units", values(a.path("roi").path("outputs"), "unit"), values(b.path("roi").path("outputs"), "unit"));
    compare(problems, "metric ids", values(a.path("metrics"), "id"), values(b.path("metrics"), "id"));
    compare(problems, "metric units", values(a.path("metrics"), "unit"), values(b.path("metrics"), "unit"));
    compare(problems, "metric targets", values(a.path("metrics"), "target"), values(b.path("metrics"), "target"));
    return problems;
  }

  private static void compare(List<String> problems, String what, Object a, Object b) {
    if (!a.equals(b)) {
      problems.add(what + " differ: " + a + " vs " + b);
    }
  }

  static Set<String> keys(JsonNode object) {
    Set<String> out = new LinkedHashSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> values(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.path(field).asText()));
    return out;
  }

  /** Lower case, no accents, punctuation as spaces: how the engine compares phrases. */
  static String normalise(String s) {
    String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return n.replace("'", "").replace("’", "").replaceAll("[^a-z0-9$€£%@.+]+", " ").strip();
  }
}
