package com.ngx.vertical.realestate.internal;

import static com.ngx.vertical.realestate.internal.TemplateChecks.keys;
import static com.ngx.vertical.realestate.internal.TemplateChecks.nodeIds;
import static com.ngx.vertical.realestate.internal.TemplateChecks.normalize;
import static com.ngx.vertical.realestate.internal.TemplateChecks.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped documents against docs/agent-definition.md and the content brief. */
class TemplateDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode en;
  private static JsonNode es;

  @BeforeAll
  static void parse() throws IOException {
    en = read("en");
    es = read("es");
  }

  private static JsonNode read(String language) throws IOException {
    try (InputStream in = TemplateDocumentsTest.class.getResourceAsStream("/template/" + language + ".json")) {
      return JSON.readTree(in); // throws on malformed JSON
    }
  }

  private static JsonNode doc(String language) {
    return "en".equals(language) ? en : es;
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void hasTheDocumentedTopLevelFields(String language) {
    JsonNode doc = doc(language);
    assertEquals(1, doc.path("schemaVersion").asInt());
    for (String field :
        List.of("name", "description", "personality", "responses", "intents", "slots", "qualification",
            "flow", "objections", "playbook", "compliance", "roi", "metrics", "knowledge")) {
      assertTrue(doc.has(field), field);
    }
    assertTrue(doc.path("name").asText().length() <= 80);
    assertTrue(doc.path("description").asText().length() <= 1000);
    assertFalse(doc.path("personality").path("name").asText().isBlank());
    assertFalse(doc.path("personality").path("tone").asText().isBlank());
    doc.path("responses").forEach(r -> assertTrue(r.asText().length() <= 2000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void passesEveryCheck(String language) {
    JsonNode doc = doc(language);
    List<String> problems = new ArrayList<>();
    problems.addAll(TemplateChecks.references(doc));
    problems.addAll(TemplateChecks.identifiers(doc));
    problems.addAll(TemplateChecks.duplicateExamples(doc));
    problems.addAll(TemplateChecks.variables(doc));
    problems.addAll(TemplateChecks.formulas(doc));
    problems.addAll(TemplateChecks.avoidedWording(doc));
    assertEquals(List.of(), problems);
  }

  @Test
  void bothLanguagesHaveTheSameStructure() {
    Map<String, Function<JsonNode, Object>> parts = new HashMap<>();
    parts.put("node ids", TemplateChecks::nodeIds);
    parts.put("flow", d -> d.path("flow")); // ids, types, keys, conditions: no text at all
    parts.put("qualification", d -> d.path("qualification"));
    parts.put("response keys", d -> keys(d.path("responses")));
    parts.put("intent names", d -> texts(d.path("intents"), "name"));
    parts.put("slot names", d -> texts(d.path("slots"), "name"));
    parts.put("slot types", d -> texts(d.path("slots"), "type"));
    parts.put("enum values", d -> enumValues(d));
    parts.put("objection ids", d -> texts(d.path("objections"), "id"));
    parts.put("compliance ids", d -> texts(d.path("compliance"), "id"));
    parts.put("compliance types", d -> texts(d.path("compliance"), "type"));
    parts.put("compliance say", d -> texts(d.path("compliance"), "say"));
    parts.put("roi currency", d -> d.path("roi").path("currency"));
    parts.put("roi input ids", d -> texts(d.path("roi").path("inputs"), "id"));
    parts.put("roi input defaults", d -> texts(d.path("roi").path("inputs"), "default"));
    parts.put("roi output ids", d -> texts(d.path("roi").path("outputs"), "id"));
    parts.put("roi formulas", d -> texts(d.path("roi").path("outputs"), "formula"));
    parts.put("roi units", d -> texts(d.path("roi").path("outputs"), "unit"));
    parts.put("metric ids", d -> texts(d.path("metrics"), "id"));
    parts.put("metric units", d -> texts(d.path("metrics"), "unit"));
    parts.put("metric targets", d -> texts(d.path("metrics"), "target"));
    parts.forEach((part, of) -> assertEquals(of.apply(en), of.apply(es), part));
  }

  private static Map<String, Set<String>> enumValues(JsonNode doc) {
    Map<String, Set<String>> values = new HashMap<>();
    doc.path("slots").forEach(s -> values.put(s.path("name").asText(), keys(s.path("values"))));
    return values;
  }

  @Test
  void followsTheFlowSkeleton() {
    JsonNode flow = en.path("flow");
    assertEquals("welcome", flow.path("start").asText());
    assertEquals(
        Set.of("welcome", "ask_need", "ask_timeline", "ask_budget", "ask_role", "ask_name", "ask_email",
            "check", "offer", "booked", "nurture", "goodbye", "handoff", "answer"),
        nodeIds(en));
    Map<String, JsonNode> nodes = new HashMap<>();
    flow.path("nodes").forEach(n -> nodes.put(n.path("id").asText(), n));
    // question node -> slot, in the order they are asked
    String[][] questions = {
      {"ask_need", "property_type", "ask_timeline"}, {"ask_timeline", "timeline", "ask_budget"},
      {"ask_budget", "budget", "ask_role"}, {"ask_role", "role", "ask_name"},
      {"ask_name", "name", "ask_email"}, {"ask_email", "email", "check"}
    };
    for (String[] q : questions) {
      JsonNode node = nodes.get(q[0]);
      assertEquals("question", node.path("type").asText(), q[0]);
      assertEquals(q[1], node.path("slot").asText(), q[0]);
      assertEquals(q[0], node.path("say").asText(), q[0]);
      assertEquals(q[0] + "_again", node.path("reprompt").asText(), q[0]);
      assertEquals(q[2], node.path("next").asText(), q[0]);
    }
    JsonNode welcome = nodes.get("welcome");
    assertEquals("greeting-test", welcome.path("experiment").asText());
    assertEquals(List.of("greeting", "greeting_b"), texts(welcome.path("variants"), "say"));
    JsonNode edge = nodes.get("check").path("edges").get(0);
    assertEquals("leadScore", edge.path("when").path("field").asText());
    assertEquals(60, edge.path("when").path("value").asInt());
    assertEquals("offer", edge.path("to").asText());
    assertEquals("nurture", nodes.get("check").path("else").asText());
    JsonNode offer = nodes.get("offer");
    assertEquals("cta", offer.path("type").asText());
    assertEquals("book_call", offer.path("action").asText());
    assertEquals("https://example.com/realestate/viewing", offer.path("url").asText());
    assertEquals("knowledge", nodes.get("answer").path("type").asText());
    assertEquals("handoff", nodes.get("handoff").path("type").asText());
  }

  @Test
  void scoresBant() {
    JsonNode q = en.path("qualification");
    assertEquals(60, q.path("threshold").asInt());
    Map<String, String> slots = new HashMap<>();
    int weights = 0;
    for (JsonNode field : q.path("fields")) {
      slots.put(field.path("name").asText(), field.path("slot").asText());
      weights += field.path("weight").asInt();
    }
    assertEquals(
        Map.of("budget", "budget", "authority", "role", "need", "property_type", "timeline", "timeline"),
        slots);
    assertEquals(100, weights);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void shipsEnoughContent(String language) {
    JsonNode doc = doc(language);
    JsonNode objections = doc.path("objections");
    assertTrue(objections.size() >= 28 && objections.size() <= 32, "objections: " + objections.size());
    for (JsonNode o : objections) {
      assertTrue(o.path("examples").size() >= 5, o.path("id").asText());
      assertFalse(o.path("answer").asText().isBlank(), o.path("id").asText());
      assertFalse(o.path("name").asText().isBlank(), o.path("id").asText());
    }
    JsonNode intents = doc.path("intents");
    assertTrue(intents.size() >= 10 && intents.size() <= 14, "intents: " + intents.size());
    intents.forEach(i -> assertTrue(i.path("examples").size() >= 10, i.path("name").asText()));
    assertTrue(doc.path("playbook").size() >= 6);
    assertTrue(doc.path("metrics").size() >= 5);
    int inputs = doc.path("roi").path("inputs").size();
    int outputs = doc.path("roi").path("outputs").size();
    assertTrue(inputs >= 3 && inputs <= 5 && outputs >= 2 && outputs <= 4, inputs + " / " + outputs);
    assertTrue(doc.path("knowledge").size() >= 5);
    for (JsonNode k : doc.path("knowledge")) {
      int words = k.path("text").asText().split("\\s+").length;
      assertTrue(words >= 200 && words <= 600, k.path("title").asText() + ": " + words + " words");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void describesWhatTheProspectNeeds(String language) {
    JsonNode propertyType = null;
    for (JsonNode slot : doc(language).path("slots")) {
      if (slot.path("name").asText().equals("property_type")) {
        propertyType = slot;
      }
    }
    assertEquals("enum", propertyType.path("type").asText());
    JsonNode values = propertyType.path("values");
    assertTrue(values.size() >= 5 && values.size() <= 8);
    values.fields().forEachRemaining(v -> assertTrue(v.getValue().size() >= 4, v.getKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void hasTheComplianceRules(String language) {
    Map<String, JsonNode> rules = new HashMap<>();
    doc(language).path("compliance").forEach(r -> rules.put(r.path("id").asText(), r));
    assertEquals("consent", rules.get("consent").path("type").asText());
    assertEquals("consent_request", rules.get("consent").path("say").asText());
    assertEquals("wording", rules.get("fair-housing").path("type").asText());
    assertTrue(rules.get("fair-housing").path("terms").size() >= 10);
    rules.get("fair-housing").path("terms").forEach(t -> {
      assertFalse(t.path("avoid").asText().isBlank());
      assertFalse(t.path("use").asText().isBlank());
    });
    assertEquals("refuse", rules.get("steering").path("type").asText());
    assertEquals("fair_housing", rules.get("steering").path("say").asText());
    assertTrue(rules.get("steering").path("examples").size() >= 8);
    for (String key : List.of("fallback", "consent_request", "consent_declined", "answer_intro", "no_answer",
        "handoff", "greeting_b")) {
      assertTrue(doc(language).path("responses").has(key), key);
    }
  }

  /** The merged agent unites examples of both languages: no phrase may train two labels. */
  @Test
  void noPhraseTrainsTwoLabelsAcrossLanguages() {
    Map<String, Set<String>> labels = new HashMap<>();
    for (JsonNode doc : List.of(en, es)) {
      doc.path("intents").forEach(i -> i.path("examples").forEach(e ->
          labels.computeIfAbsent(normalize(e.asText()), k -> new TreeSet<>()).add(i.path("name").asText())));
      doc.path("objections").forEach(o -> o.path("examples").forEach(e ->
          labels.computeIfAbsent(normalize(e.asText()), k -> new TreeSet<>()).add(o.path("id").asText())));
    }
    labels.forEach((phrase, owners) -> assertEquals(1, owners.size(), phrase + " " + owners));
  }

  // The checks themselves: each must report a broken document, or the tests above prove nothing.

  @Test
  void referenceCheckReportsDanglingNodesAndResponses() {
    ObjectNode broken = en.deepCopy();
    ObjectNode offer = (ObjectNode) node(broken, "offer");
    offer.put("next", "nowhere");
    offer.put("say", "no_such_response");
    ((ObjectNode) node(broken, "check").path("edges").get(0)).put("to", "gone");
    assertEquals(
        List.of("flow.nodes[check].edges.to -> gone", "flow.nodes[offer].next -> nowhere",
            "flow.nodes[offer].say -> missing response no_such_response"),
        TemplateChecks.references(broken));
  }

  @Test
  void duplicateCheckReportsARepeatedExample() {
    ObjectNode broken = en.deepCopy();
    String phrase = broken.path("intents").get(0).path("examples").get(0).asText();
    ((ArrayNode) broken.path("objections").get(0).path("examples")).add("  " + phrase.toUpperCase() + " ");
    assertEquals(1, TemplateChecks.duplicateExamples(broken).size());
  }

  @Test
  void identifierCheckReportsBadIdsAndBuiltIns() {
    ObjectNode broken = en.deepCopy();
    ((ObjectNode) broken.path("intents").get(0)).put("name", "affirm");
    ((ObjectNode) broken.path("objections").get(0)).put("id", "Too Expensive");
    assertEquals(
        Set.of("objection id Too Expensive breaks the identifier rule", "declares the built-in intent affirm"),
        new TreeSet<>(TemplateChecks.identifiers(broken)));
  }

  @Test
  void formulaCheckReportsUnknownNamesAndGarbage() {
    ObjectNode broken = en.deepCopy();
    ArrayNode outputs = (ArrayNode) broken.path("roi").path("outputs");
    ((ObjectNode) outputs.get(0)).put("formula", "inquiries * price");
    ((ObjectNode) outputs.get(1)).put("formula", "round(inquiries ^ 2, 0)");
    ((ObjectNode) outputs.get(2)).put("formula", "(inquiries * 2");
    assertEquals(3, TemplateChecks.formulas(broken).size());
  }

  @Test
  void variableAndWordingChecksReportSlips() {
    ObjectNode broken = en.deepCopy();
    ((ObjectNode) broken.path("responses")).put("greeting", "Hi {{slot.pet}}! A family-friendly home awaits.");
    assertEquals(List.of("unknown variable {{slot.pet}}"), TemplateChecks.variables(broken));
    assertEquals(1, TemplateChecks.avoidedWording(broken).size());
  }

  private static JsonNode node(JsonNode doc, String id) {
    for (JsonNode n : doc.path("flow").path("nodes")) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no node " + id);
  }
}
