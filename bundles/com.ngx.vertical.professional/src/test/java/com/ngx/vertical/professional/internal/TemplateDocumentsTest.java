package com.ngx.vertical.professional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the template documents against docs/agent-definition.md and the vertical's brief. */
class TemplateDocumentsTest {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");
  private static final Set<String> BUILT_IN_SLOTS =
      Set.of("name", "email", "phone", "company", "company_size", "budget", "timeline", "role");
  private static final List<String> NODE_IDS =
      List.of(
          "welcome",
          "ask_need",
          "ask_timeline",
          "ask_budget",
          "ask_role",
          "ask_name",
          "ask_email",
          "check",
          "offer",
          "booked",
          "nurture",
          "goodbye",
          "handoff",
          "answer");

  private static final JsonNode EN = read("en");
  private static final JsonNode ES = read("es");

  private static JsonNode read(String language) {
    String path = "/template/" + language + ".json";
    try (InputStream in = TemplateDocumentsTest.class.getResourceAsStream(path)) {
      assertNotNull(in, path);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode doc(String language) {
    return "en".equals(language) ? EN : ES;
  }

  // ---- both documents: the same structure, only texts differ ----

  @Test
  void languagesShareTheStructure() {
    assertEquals(EN.get("flow"), ES.get("flow"), "flow (it holds no texts)");
    assertEquals(EN.get("qualification"), ES.get("qualification"));
    assertEquals(keys(EN.get("responses")), keys(ES.get("responses")), "response keys");
    assertEquals(
        list(EN, "intents", n -> n.get("name").asText()),
        list(ES, "intents", n -> n.get("name").asText()));
    assertEquals(
        list(EN, "slots", TemplateDocumentsTest::slotShape),
        list(ES, "slots", TemplateDocumentsTest::slotShape));
    assertEquals(
        list(EN, "objections", n -> n.get("id").asText()),
        list(ES, "objections", n -> n.get("id").asText()));
    assertEquals(
        list(EN, "compliance", TemplateDocumentsTest::ruleShape),
        list(ES, "compliance", TemplateDocumentsTest::ruleShape));
    assertEquals(
        list(EN, "metrics", TemplateDocumentsTest::metricShape),
        list(ES, "metrics", TemplateDocumentsTest::metricShape));
    assertEquals(EN.at("/roi/currency"), ES.at("/roi/currency"));
    assertEquals(roiShape(EN, "inputs"), roiShape(ES, "inputs"));
    assertEquals(roiShape(EN, "outputs"), roiShape(ES, "outputs"));
    assertEquals(EN.get("playbook").size(), ES.get("playbook").size(), "playbook entries");
    assertEquals(EN.get("knowledge").size(), ES.get("knowledge").size(), "knowledge documents");
    assertEquals(
        EN.at("/personality/name"), ES.at("/personality/name"), "the agent keeps its name");
  }

  @Test
  void noPhraseTrainsTwoLabels() {
    // the engine unites the languages' examples, so a phrase must be unique across both
    Map<String, String> seen = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (JsonNode doc : List.of(EN, ES)) {
      for (JsonNode intent : doc.get("intents")) {
        collect(seen, duplicates, "intent " + intent.get("name").asText(), intent.get("examples"));
      }
      for (JsonNode objection : doc.get("objections")) {
        collect(
            seen,
            duplicates,
            "objection " + objection.get("id").asText(),
            objection.get("examples"));
      }
      for (JsonNode rule : doc.get("compliance")) {
        if (rule.has("examples")) {
          collect(seen, duplicates, "rule " + rule.get("id").asText(), rule.get("examples"));
        }
      }
    }
    assertTrue(duplicates.isEmpty(), "phrases used twice: " + duplicates);
  }

  // ---- each document ----

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void hasTheHeader(String language) {
    JsonNode doc = doc(language);
    assertEquals(1, doc.get("schemaVersion").asInt());
    assertLength(doc.get("name"), 1, 80, "name");
    assertLength(doc.get("description"), 1, 1000, "description");
    assertLength(doc.at("/personality/name"), 1, 60, "personality.name");
    assertLength(doc.at("/personality/tone"), 1, 40, "personality.tone");
    assertLength(doc.at("/personality/persona"), 1, 2000, "personality.persona");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void identifiersFollowTheRules(String language) {
    JsonNode doc = doc(language);
    Map<String, List<String>> kinds = new HashMap<>();
    kinds.put("response", keys(doc.get("responses")));
    kinds.put("intent", list(doc, "intents", n -> n.get("name").asText()));
    kinds.put("slot", list(doc, "slots", n -> n.get("name").asText()));
    kinds.put("objection", list(doc, "objections", n -> n.get("id").asText()));
    kinds.put("compliance", list(doc, "compliance", n -> n.get("id").asText()));
    kinds.put("metric", list(doc, "metrics", n -> n.get("id").asText()));
    kinds.put("node", ids(doc.at("/flow/nodes")));
    List<String> roi = ids(doc.at("/roi/inputs"));
    roi.addAll(ids(doc.at("/roi/outputs")));
    kinds.put("roi", roi);
    kinds.forEach(
        (kind, ids) -> {
          ids.forEach(
              id -> assertTrue(IDENTIFIER.matcher(id).matches(), kind + " identifier " + id));
          assertEquals(
              ids.size(), new HashSet<>(ids).size(), kind + " identifiers are unique: " + ids);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void declaresOnlyCustomIntentsAndSlots(String language) {
    JsonNode doc = doc(language);
    List<String> intents = list(doc, "intents", n -> n.get("name").asText());
    assertTrue(intents.size() >= 10 && intents.size() <= 14, "10–14 intents: " + intents.size());
    intents.forEach(
        name -> assertFalse(BUILT_IN_INTENTS.contains(name), "built-in intent " + name));
    for (JsonNode intent : doc.get("intents")) {
      assertTrue(intent.get("examples").size() >= 10, "examples of intent " + intent.get("name"));
      intent
          .get("examples")
          .forEach(e -> assertLength(e, 1, 300, "example of " + intent.get("name")));
    }
    list(doc, "slots", n -> n.get("name").asText())
        .forEach(name -> assertFalse(BUILT_IN_SLOTS.contains(name), "built-in slot " + name));
    JsonNode service = find(doc.get("slots"), "name", "service");
    assertEquals("enum", service.get("type").asText());
    assertTrue(
        service.get("values").size() >= 5 && service.get("values").size() <= 8, "5–8 services");
    service
        .get("values")
        .forEach(synonyms -> assertTrue(synonyms.size() >= 4, "synonyms " + synonyms));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void qualifiesWithBant(String language) {
    JsonNode q = doc(language).get("qualification");
    assertEquals(60, q.get("threshold").asInt());
    Map<String, String> slots = new HashMap<>();
    int weights = 0;
    for (JsonNode field : q.get("fields")) {
      slots.put(field.get("name").asText(), field.get("slot").asText());
      weights += field.get("weight").asInt();
    }
    assertEquals(
        Map.of("budget", "budget", "authority", "role", "need", "service", "timeline", "timeline"),
        slots);
    assertEquals(100, weights);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void flowIsConnected(String language) {
    JsonNode flow = doc(language).get("flow");
    Set<String> ids = new LinkedHashSet<>();
    flow.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
    assertEquals(NODE_IDS, List.copyOf(ids));
    assertTrue(ids.contains(flow.get("start").asText()), "start");
    for (JsonNode node : flow.get("nodes")) {
      List<String> targets = new ArrayList<>();
      for (String field : List.of("next", "else")) {
        if (node.has(field)) {
          targets.add(node.get(field).asText());
        }
      }
      node.path("edges").forEach(e -> targets.add(e.get("to").asText()));
      node.path("variants").forEach(v -> targets.add(v.path("to").asText(null)));
      targets.stream()
          .filter(t -> t != null)
          .forEach(t -> assertTrue(ids.contains(t), node.get("id") + " goes to unknown node " + t));
      if ("question".equals(node.get("type").asText())) {
        String slot = node.get("slot").asText();
        String ask = "ask_" + node.get("id").asText().substring("ask_".length());
        assertEquals(ask, node.get("say").asText());
        assertEquals(ask + "_again", node.get("reprompt").asText());
        assertTrue(
            BUILT_IN_SLOTS.contains(slot)
                || list(doc(language), "slots", n -> n.get("name").asText()).contains(slot),
            "slot " + slot);
      }
    }
    JsonNode welcome = flow.get("nodes").get(0);
    assertEquals("greeting-test", welcome.get("experiment").asText());
    int weights = 0;
    for (JsonNode variant : welcome.get("variants")) {
      weights += variant.get("weight").asInt();
    }
    assertEquals(100, weights);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void everyReferencedResponseExists(String language) {
    JsonNode doc = doc(language);
    Set<String> responses = new HashSet<>(keys(doc.get("responses")));
    List<String> referenced =
        new ArrayList<>(
            List.of(
                "fallback",
                "consent_request",
                "consent_declined",
                "answer_intro",
                "no_answer",
                "handoff"));
    for (JsonNode node : doc.at("/flow/nodes")) {
      for (String field : List.of("say", "reprompt", "fallback")) {
        if (node.has(field)) {
          referenced.add(node.get(field).asText());
        }
      }
      node.path("variants").forEach(v -> referenced.add(v.get("say").asText()));
    }
    doc.get("compliance").forEach(rule -> referenced.add(rule.get("say").asText()));
    referenced.forEach(key -> assertTrue(responses.contains(key), "missing response " + key));
    doc.get("responses")
        .properties()
        .forEach(e -> assertLength(e.getValue(), 1, 2000, "response " + e.getKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void textsUseKnownVariables(String language) {
    JsonNode doc = doc(language);
    Set<String> slots = new HashSet<>(BUILT_IN_SLOTS);
    slots.addAll(list(doc, "slots", n -> n.get("name").asText()));
    List<String> texts = new ArrayList<>();
    doc.get("responses").forEach(t -> texts.add(t.asText()));
    doc.get("objections").forEach(o -> texts.add(o.get("answer").asText()));
    for (String text : texts) {
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        String v = m.group(1);
        boolean known =
            v.equals("agent.name")
                || v.equals("leadScore")
                || v.equals("cta.url")
                || v.startsWith("var.")
                || (v.startsWith("slot.") && slots.contains(v.substring(5)));
        assertTrue(known, "unknown variable {{" + v + "}} in: " + text);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void hasAFullObjectionLibrary(String language) {
    JsonNode objections = doc(language).get("objections");
    assertTrue(objections.size() >= 25, "at least 25 objections: " + objections.size());
    for (JsonNode o : objections) {
      assertLength(o.get("name"), 1, 200, "name of " + o.get("id"));
      assertTrue(o.get("examples").size() >= 4, "examples of " + o.get("id"));
      assertFalse(o.get("answer").asText().isBlank(), "answer of " + o.get("id"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void enforcesTheVerticalsCompliance(String language) {
    JsonNode rules = doc(language).get("compliance");
    JsonNode consent = find(rules, "id", "consent");
    assertEquals("consent", consent.get("type").asText());
    assertEquals("consent_request", consent.get("say").asText());
    JsonNode advice = find(rules, "id", "no-advice");
    assertEquals("refuse", advice.get("type").asText());
    assertEquals("no_advice", advice.get("say").asText());
    assertTrue(advice.get("examples").size() >= 8, "no-advice examples");
    JsonNode notice = find(rules, "id", "confidentiality");
    assertEquals("notice", notice.get("type").asText());
    assertEquals("before_contact", notice.get("at").asText());
    assertEquals("confidentiality_notice", notice.get("say").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void shipsPlaybookMetricsAndKnowledge(String language) {
    JsonNode doc = doc(language);
    assertTrue(doc.get("playbook").size() >= 6, "playbook");
    doc.get("playbook")
        .forEach(p -> assertFalse(p.get("text").asText().isBlank(), "playbook " + p.get("title")));
    assertTrue(doc.get("metrics").size() >= 5, "metrics");
    for (JsonNode m : doc.get("metrics")) {
      assertTrue(
          Set.of("percent", "count", "money", "minutes").contains(m.get("unit").asText()),
          "unit of " + m.get("id"));
      assertTrue(m.get("target").isNumber(), "target of " + m.get("id"));
    }
    assertTrue(doc.get("knowledge").size() >= 5, "knowledge");
    for (JsonNode k : doc.get("knowledge")) {
      int words = k.get("text").asText().trim().split("\\s+").length;
      assertTrue(words >= 200 && words <= 600, k.get("title") + " has " + words + " words");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void roiFormulasUseOnlyInputs(String language) {
    JsonNode roi = doc(language).get("roi");
    Map<String, Double> defaults = new HashMap<>();
    roi.get("inputs").forEach(i -> defaults.put(i.get("id").asText(), i.get("default").asDouble()));
    assertTrue(defaults.size() >= 3 && defaults.size() <= 5, "3–5 inputs");
    assertTrue(roi.get("outputs").size() >= 2 && roi.get("outputs").size() <= 4, "2–4 outputs");
    Map<String, Double> results = new HashMap<>();
    for (JsonNode output : roi.get("outputs")) {
      assertTrue(Set.of("money", "number", "percent").contains(output.get("unit").asText()));
      results.put(
          output.get("id").asText(), new Formula(output.get("formula").asText(), defaults).value());
    }
    // 120 inquiries, 15 % booked, 25 % more bookings, 40 % of them become clients at 2,500
    assertEquals(
        Map.of(
            "extra_consultations",
            4.5,
            "extra_clients",
            1.8,
            "extra_revenue_month",
            4500.0,
            "extra_revenue_year",
            54000.0),
        results);
  }

  @Test
  void formulaEvaluatorRefusesWhatTheSchemaForbids() {
    Map<String, Double> inputs = Map.of("a", 2.0);
    assertEquals(
        2.5, new Formula("max(a, 1) + min(1, a) * round(0.54, 1) - (1 - 0.5) * 0", inputs).value());
    for (String bad : List.of("a ^ 2", "b + 1", "sqrt(a)", "(a + 1", "a +", "round(a)", "a % 2")) {
      assertThrows(
          IllegalArgumentException.class, () -> new Formula(bad, inputs).value(), bad);
    }
  }

  // ---- helpers ----

  private static void collect(
      Map<String, String> seen, List<String> duplicates, String owner, JsonNode examples) {
    for (JsonNode example : examples) {
      String key =
          example.asText().toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}¿¡\\s]+", " ").trim();
      String before = seen.putIfAbsent(key, owner);
      if (before != null) {
        duplicates.add("'" + example.asText() + "' in " + before + " and " + owner);
      }
    }
  }

  private static void assertLength(JsonNode text, int min, int max, String what) {
    assertNotNull(text, what);
    assertTrue(text.isTextual(), what + " is text");
    int length = text.asText().strip().length();
    assertTrue(length >= min && length <= max, what + " has " + length + " characters");
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.path(field).asText())) {
        return n;
      }
    }
    throw new AssertionError("no element with " + field + " " + value);
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> list(JsonNode doc, String field, Function<JsonNode, String> f) {
    List<String> values = new ArrayList<>();
    doc.get(field).forEach(n -> values.add(f.apply(n)));
    return values;
  }

  private static String slotShape(JsonNode slot) {
    return slot.get("name").asText()
        + ":"
        + slot.get("type").asText()
        + ":"
        + keys(slot.path("values"));
  }

  private static String ruleShape(JsonNode rule) {
    return rule.get("id").asText()
        + ":"
        + rule.get("type").asText()
        + ":"
        + rule.path("say").asText()
        + ":"
        + rule.path("at").asText();
  }

  private static String metricShape(JsonNode metric) {
    return metric.get("id").asText()
        + ":"
        + metric.get("unit").asText()
        + ":"
        + metric.get("target").asText();
  }

  private static List<String> roiShape(JsonNode doc, String part) {
    List<String> shapes = new ArrayList<>();
    for (JsonNode n : doc.get("roi").get(part)) {
      shapes.add(
          String.join(
              ":",
              n.get("id").asText(),
              n.path("default").asText(),
              n.path("min").asText(),
              n.path("max").asText(),
              n.path("unit").asText(),
              n.path("formula").asText()));
    }
    return shapes;
  }

  /**
   * The ROI formula language of the reference: input ids, numbers, {@code + - * /}, parentheses,
   * {@code min(a,b)}, {@code max(a,b)} and {@code round(x, digits)}; anything else is refused.
   */
  private static final class Formula {
    private static final Pattern TOKEN =
        Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|[a-z][a-z0-9_]*|[-+*/(),])");
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Double> inputs;
    private int pos;

    Formula(String text, Map<String, Double> inputs) {
      this.inputs = inputs;
      Matcher m = TOKEN.matcher(text);
      int at = 0;
      while (at < text.length()) {
        if (!m.find(at) || m.start() != at) {
          if (text.substring(at).isBlank()) {
            break;
          }
          throw new IllegalArgumentException("unexpected text at " + at + " in " + text);
        }
        tokens.add(m.group(1));
        at = m.end();
      }
    }

    double value() {
      double v = sum();
      if (pos != tokens.size()) {
        throw new IllegalArgumentException("unexpected " + tokens.get(pos));
      }
      return v;
    }

    private double sum() {
      double v = product();
      while (peek("+") || peek("-")) {
        v = tokens.get(pos++).equals("+") ? v + product() : v - product();
      }
      return v;
    }

    private double product() {
      double v = factor();
      while (peek("*") || peek("/")) {
        v = tokens.get(pos++).equals("*") ? v * factor() : v / factor();
      }
      return v;
    }

    private double factor() {
      String t = next();
      if (t.equals("-")) {
        return -factor();
      }
      if (t.equals("(")) {
        double v = sum();
        expect(")");
        return v;
      }
      if (Character.isDigit(t.charAt(0))) {
        return Double.parseDouble(t);
      }
      if (t.equals("min") || t.equals("max") || t.equals("round")) {
        expect("(");
        double a = sum();
        expect(",");
        double b = sum();
        expect(")");
        if (t.equals("round")) {
          double scale = Math.pow(10, b);
          return Math.round(a * scale) / scale;
        }
        return t.equals("min") ? Math.min(a, b) : Math.max(a, b);
      }
      if (!inputs.containsKey(t)) {
        throw new IllegalArgumentException("not an input: " + t);
      }
      return inputs.get(t);
    }

    private boolean peek(String t) {
      return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("formula ends early");
      }
      return tokens.get(pos++);
    }

    private void expect(String t) {
      if (!next().equals(t)) {
        throw new IllegalArgumentException("expected " + t);
      }
    }
  }
}
