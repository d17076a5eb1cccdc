package com.ngx.vertical.saas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of template documents against docs/agent-definition.md; each returns the problems found,
 * empty when the document passes, so that tests can also show that a broken document fails.
 */
final class TemplateChecks {
  static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");
  static final Set<String> BUILT_IN_SLOTS =
      Set.of("name", "email", "phone", "company", "company_size", "budget", "timeline", "role");
  private static final Set<String> FORMULA_FUNCTIONS = Set.of("min", "max", "round");
  private static final Pattern FORMULA_TOKENS =
      Pattern.compile("\\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\\d+(?:\\.\\d+)?)|([-+*/(),]))");

  private TemplateChecks() {}

  /** Both languages have the same structure: only texts may differ. */
  static List<String> sameStructure(JsonNode en, JsonNode es) {
    List<String> problems = new ArrayList<>();
    same(problems, "schemaVersion", en.path("schemaVersion"), es.path("schemaVersion"));
    same(problems, "flow", en.path("flow"), es.path("flow"));
    same(problems, "qualification", en.path("qualification"), es.path("qualification"));
    same(problems, "response keys", keys(en.path("responses")), keys(es.path("responses")));
    same(problems, "intent names", list(en, "intents", "name"), list(es, "intents", "name"));
    same(problems, "slot names", list(en, "slots", "name"), list(es, "slots", "name"));
    same(problems, "slot types", list(en, "slots", "type"), list(es, "slots", "type"));
    same(problems, "canonical values", canonicalValues(en), canonicalValues(es));
    same(problems, "objection ids", list(en, "objections", "id"), list(es, "objections", "id"));
    same(problems, "compliance", complianceShape(en), complianceShape(es));
    same(problems, "roi currency", en.at("/roi/currency"), es.at("/roi/currency"));
    for (String field : List.of("id", "default", "min", "max")) {
      same(problems, "roi inputs " + field, list(en.path("roi"), "inputs", field),
          list(es.path("roi"), "inputs", field));
    }
    for (String field : List.of("id", "unit", "formula")) {
      same(problems, "roi outputs " + field, list(en.path("roi"), "outputs", field),
          list(es.path("roi"), "outputs", field));
    }
    for (String field : List.of("id", "unit", "target")) {
      same(problems, "metrics " + field, list(en, "metrics", field), list(es, "metrics", field));
    }
    same(problems, "playbook size", en.path("playbook").size(), es.path("playbook").size());
    same(problems, "knowledge size", en.path("knowledge").size(), es.path("knowledge").size());
    return problems;
  }

  /** Every response key and node that a node or rule names exists. */
  static List<String> references(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Set<String> responses = keys(doc.path("responses"));
    Set<String> nodes = new LinkedHashSet<>(list(doc.path("flow"), "nodes", "id"));
    require(problems, nodes, doc.at("/flow/start").asText(), "flow.start");
    for (JsonNode n : doc.path("flow").path("nodes")) {
      String at = "flow.nodes[" + n.path("id").asText() + "].";
      for (String field : List.of("say", "reprompt", "fallback")) {
        if (n.has(field)) {
          require(problems, responses, n.path(field).asText(), at + field);
        }
      }
      for (String field : List.of("next", "else")) {
        if (n.has(field)) {
          require(problems, nodes, n.path(field).asText(), at + field);
        }
      }
      for (JsonNode e : n.path("edges")) {
        require(problems, nodes, e.path("to").asText(), at + "edges");
      }
      for (JsonNode v : n.path("variants")) {
        if (v.has("say")) {
          require(problems, responses, v.path("say").asText(), at + "variants");
        }
        if (v.has("to")) {
          require(problems, nodes, v.path("to").asText(), at + "variants");
        }
      }
    }
    for (JsonNode rule : doc.path("compliance")) {
      if (rule.has("say")) {
        require(problems, responses, rule.path("say").asText(),
            "compliance[" + rule.path("id").asText() + "].say");
      }
    }
    return problems;
  }

  /** Identifiers follow the reference's rule, built-ins are not declared, ids are unique. */
  static List<String> identifiers(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> ids = new HashMap<>();
    ids.put("node", list(doc.path("flow"), "nodes", "id"));
    ids.put("response", new ArrayList<>(keys(doc.path("responses"))));
    ids.put("intent", list(doc, "intents", "name"));
    ids.put("slot", list(doc, "slots", "name"));
    ids.put("objection", list(doc, "objections", "id"));
    ids.put("compliance", list(doc, "compliance", "id"));
    ids.put("metric", list(doc, "metrics", "id"));
    ids.put("roi input", list(doc.path("roi"), "inputs", "id"));
    ids.put("roi output", list(doc.path("roi"), "outputs", "id"));
    ids.forEach((kind, values) -> {
      Set<String> seen = new LinkedHashSet<>();
      for (String id : values) {
        if (!IDENTIFIER.matcher(id).matches()) {
          problems.add(kind + " id not an identifier: " + id);
        }
        if (!seen.add(id)) {
          problems.add(kind + " id twice: " + id);
        }
      }
    });
    ids.get("intent").stream().filter(BUILT_IN_INTENTS::contains)
        .forEach(n -> problems.add("built-in intent declared: " + n));
    ids.get("slot").stream().filter(BUILT_IN_SLOTS::contains)
        .forEach(n -> problems.add("built-in slot declared: " + n));
    return problems;
  }

  /** The objection library: at least {@code min} objections with 4+ examples and an answer. */
  static List<String> objections(JsonNode doc, int min) {
    List<String> problems = new ArrayList<>();
    if (doc.path("objections").size() < min) {
      problems.add("only " + doc.path("objections").size() + " objections");
    }
    for (JsonNode o : doc.path("objections")) {
      String id = o.path("id").asText();
      if (o.path("examples").size() < 4) {
        problems.add(id + ": " + o.path("examples").size() + " examples");
      }
      if (o.path("answer").asText().isBlank() || o.path("name").asText().isBlank()) {
        problems.add(id + ": no answer or name");
      }
    }
    return problems;
  }

  /** No example phrase is used twice across intents and objections (case and spaces ignored). */
  static List<String> uniqueExamples(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Map<String, String> owner = new HashMap<>();
    for (String section : List.of("intents", "objections")) {
      for (JsonNode item : doc.path(section)) {
        String label = section + "/" + item.path(item.has("id") ? "id" : "name").asText();
        for (JsonNode example : item.path("examples")) {
          String key = normalise(example.asText());
          String previous = owner.putIfAbsent(key, label);
          if (previous != null) {
            problems.add("\"" + example.asText() + "\" in " + previous + " and " + label);
          }
        }
      }
    }
    return problems;
  }

  /** ROI formulas use only input ids, numbers, + - * / ( ) and min, max, round. */
  static List<String> roiFormulas(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    Set<String> inputs = new LinkedHashSet<>(list(doc.path("roi"), "inputs", "id"));
    for (JsonNode out : doc.path("roi").path("outputs")) {
      String formula = out.path("formula").asText();
      Matcher m = FORMULA_TOKENS.matcher(formula);
      int end = 0;
      int depth = 0;
      while (m.lookingAt()) {
        String name = m.group(1);
        if (name != null && !inputs.contains(name) && !FORMULA_FUNCTIONS.contains(name)) {
          problems.add(out.path("id").asText() + ": unknown name " + name);
        }
        depth += "(".equals(m.group(3)) ? 1 : ")".equals(m.group(3)) ? -1 : 0;
        end = m.end();
        m.region(end, formula.length());
      }
      if (!formula.substring(end).isBlank() || depth != 0) {
        problems.add(out.path("id").asText() + ": cannot read " + formula);
      }
    }
    return problems;
  }

  /** No text the agent says uses a term that the document's own wording rules avoid. */
  static List<String> wording(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    List<String> avoid = new ArrayList<>();
    for (JsonNode rule : doc.path("compliance")) {
      rule.path("terms").forEach(t -> avoid.add(t.path("avoid").asText().toLowerCase(Locale.ROOT)));
    }
    Map<String, String> texts = new HashMap<>();
    doc.path("responses").fields().forEachRemaining(e -> texts.put("responses." + e.getKey(),
        e.getValue().asText()));
    doc.path("objections").forEach(o -> texts.put("objection " + o.path("id").asText(),
        o.path("answer").asText()));
    doc.path("knowledge").forEach(k -> texts.put("knowledge " + k.path("title").asText(),
        k.path("text").asText()));
    texts.forEach((where, text) -> avoid.stream()
        .filter(term -> text.toLowerCase(Locale.ROOT).contains(term))
        .forEach(term -> problems.add(where + " says \"" + term + "\"")));
    return problems;
  }

  static String normalise(String phrase) {
    return phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static List<String> list(JsonNode parent, String array, String field) {
    List<String> values = new ArrayList<>();
    parent.path(array).forEach(item -> values.add(item.path(field).toString()
        .replaceAll("^\"|\"$", "")));
    return values;
  }

  static Set<String> keys(JsonNode object) {
    Set<String> keys = new LinkedHashSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Map<String, Set<String>> canonicalValues(JsonNode doc) {
    Map<String, Set<String>> values = new HashMap<>();
    doc.path("slots").forEach(s -> values.put(s.path("name").asText(), keys(s.path("values"))));
    return values;
  }

  /** Compliance rules without their texts: id, type, at, say and slots. */
  private static List<String> complianceShape(JsonNode doc) {
    List<String> shape = new ArrayList<>();
    for (JsonNode rule : doc.path("compliance")) {
      shape.add(String.join("|", rule.path("id").asText(), rule.path("type").asText(),
          rule.path("at").asText(), rule.path("say").asText(), rule.path("slots").toString()));
    }
    return shape;
  }

  private static void same(List<String> problems, String what, Object en, Object es) {
    if (!en.equals(es)) {
      problems.add(what + " differ: en " + en + ", es " + es);
    }
  }

  private static void require(List<String> problems, Set<String> known, String name, String at) {
    if (!known.contains(name)) {
      problems.add(at + ": no " + name);
    }
  }
}
