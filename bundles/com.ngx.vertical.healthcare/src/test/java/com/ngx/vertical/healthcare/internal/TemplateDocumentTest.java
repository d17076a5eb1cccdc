package com.ngx.vertical.healthcare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks both template documents against docs/agent-definition.md and against each other. */
class TemplateDocumentTest {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  private static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");
  private static final Set<String> BUILT_IN_SLOTS =
      Set.of("name", "email", "phone", "company", "company_size", "budget", "timeline", "role");
  private static final Set<String> NODE_TYPES =
      Set.of("message", "question", "branch", "condition", "knowledge", "objection", "ab_split", "cta",
          "handoff", "end");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern FORMULA_TOKEN = Pattern.compile("[a-z_][a-z0-9_]*|\\d+(\\.\\d+)?|[-+*/(),]|\\s+");
  private static final Set<String> FORMULA_FUNCTIONS = Set.of("min", "max", "round");

  private static final JsonNode EN = load("en");
  private static final JsonNode ES = load("es");

  private static JsonNode load(String language) {
    try (InputStream in = TemplateDocumentTest.class.getResourceAsStream("/template/" + language + ".json")) {
      assertNotNull(in, "missing /template/" + language + ".json");
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode doc(String language) {
    return "en".equals(language) ? EN : ES;
  }

  private static Stream<JsonNode> each(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static List<String> texts(JsonNode array, String field) {
    return each(array).map(n -> n.path(field).asText()).toList();
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Map<String, JsonNode> nodes(JsonNode doc) {
    Map<String, JsonNode> nodes = new HashMap<>();
    each(doc.path("flow").path("nodes")).forEach(n -> nodes.put(n.path("id").asText(), n));
    return nodes;
  }

  // ---- both documents have the same structure

  @Test
  void bothDocumentsHaveTheSameStructure() {
    // the flow, the scorecard and the ROI formulas have no text at all
    assertEquals(EN.path("flow"), ES.path("flow"));
    assertEquals(EN.path("qualification"), ES.path("qualification"));
    assertEquals(EN.path("schemaVersion"), ES.path("schemaVersion"));
    assertEquals(keys(EN), keys(ES), "top-level fields");
    assertEquals(keys(EN.path("responses")), keys(ES.path("responses")), "response keys");
    assertEquals(texts(EN.path("intents"), "name"), texts(ES.path("intents"), "name"), "intent names");
    assertEquals(texts(EN.path("slots"), "name"), texts(ES.path("slots"), "name"), "slot names");
    assertEquals(texts(EN.path("slots"), "type"), texts(ES.path("slots"), "type"), "slot types");
    for (int i = 0; i < EN.path("slots").size(); i++) {
      assertEquals(
          keys(EN.path("slots").get(i).path("values")),
          keys(ES.path("slots").get(i).path("values")),
          "canonical values of " + EN.path("slots").get(i).path("name").asText());
    }
    assertEquals(texts(EN.path("objections"), "id"), texts(ES.path("objections"), "id"), "objection ids");
    assertEquals(texts(EN.path("compliance"), "id"), texts(ES.path("compliance"), "id"), "compliance ids");
    assertEquals(texts(EN.path("compliance"), "type"), texts(ES.path("compliance"), "type"));
    assertEquals(texts(EN.path("metrics"), "id"), texts(ES.path("metrics"), "id"), "metric ids");
    assertEquals(texts(EN.path("metrics"), "unit"), texts(ES.path("metrics"), "unit"));
    assertEquals(texts(EN.path("metrics"), "target"), texts(ES.path("metrics"), "target"));
    assertEquals(EN.path("roi").path("currency"), ES.path("roi").path("currency"));
    for (String part : List.of("inputs", "outputs")) {
      JsonNode en = EN.path("roi").path(part);
      JsonNode es = ES.path("roi").path(part);
      assertEquals(en.size(), es.size(), "ROI " + part);
      for (int i = 0; i < en.size(); i++) {
        for (String field : List.of("id", "default", "min", "max", "unit", "formula")) {
          assertEquals(en.get(i).path(field), es.get(i).path(field), "roi." + part + "[" + i + "]." + field);
        }
      }
    }
    // the engine merges rules by id: their non-text settings must agree
    for (int i = 0; i < EN.path("compliance").size(); i++) {
      JsonNode en = EN.path("compliance").get(i);
      JsonNode es = ES.path("compliance").get(i);
      for (String field : List.of("say", "at", "keywords", "patterns", "slots")) {
        assertEquals(en.path(field), es.path(field), "compliance[" + i + "]." + field);
      }
    }
    assertEquals(EN.path("knowledge").size(), ES.path("knowledge").size());
    assertEquals(EN.path("playbook").size(), ES.path("playbook").size());
  }

  @Test
  void textsDifferBetweenTheLanguages() {
    assertFalse(EN.path("responses").equals(ES.path("responses")));
    assertFalse(EN.path("objections").equals(ES.path("objections")));
    assertFalse(EN.path("knowledge").equals(ES.path("knowledge")));
  }

  // ---- the header fields and the identifiers

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void headerFieldsAreWithinTheirLimits(String language) {
    JsonNode d = doc(language);
    assertEquals(1, d.path("schemaVersion").asInt());
    assertLength(d.path("name"), 1, 80, "name");
    assertLength(d.path("description"), 1, 1000, "description");
    assertLength(d.path("personality").path("name"), 1, 60, "personality.name");
    assertLength(d.path("personality").path("tone"), 1, 40, "personality.tone");
    assertLength(d.path("personality").path("persona"), 1, 2000, "personality.persona");
    d.path("responses").fields().forEachRemaining(e -> assertLength(e.getValue(), 1, 2000, "responses." + e.getKey()));
  }

  private static void assertLength(JsonNode text, int min, int max, String where) {
    assertTrue(text.isTextual(), where + " is not a text");
    int length = text.asText().strip().length();
    assertTrue(length >= min && length <= max, where + " has " + length + " characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void identifiersFollowTheRules(String language) {
    JsonNode d = doc(language);
    List<String> ids = new ArrayList<>();
    ids.addAll(keys(d.path("responses")));
    ids.addAll(texts(d.path("intents"), "name"));
    ids.addAll(texts(d.path("slots"), "name"));
    ids.addAll(texts(d.path("objections"), "id"));
    ids.addAll(texts(d.path("compliance"), "id"));
    ids.addAll(texts(d.path("metrics"), "id"));
    ids.addAll(texts(d.path("roi").path("inputs"), "id"));
    ids.addAll(texts(d.path("roi").path("outputs"), "id"));
    ids.addAll(nodes(d).keySet());
    for (String id : ids) {
      assertTrue(IDENTIFIER.matcher(id).matches(), "not an identifier: " + id);
    }
    for (String field : List.of("intents", "slots")) {
      List<String> names = texts(d.path(field), "name");
      assertEquals(new LinkedHashSet<>(names).size(), names.size(), "duplicate " + field);
    }
    for (String field : List.of("objections", "compliance", "metrics")) {
      List<String> names = texts(d.path(field), "id");
      assertEquals(new LinkedHashSet<>(names).size(), names.size(), "duplicate " + field);
    }
  }

  // ---- slots, intents and the scorecard

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void theServiceSlotListsTheNeeds(String language) {
    JsonNode d = doc(language);
    JsonNode service =
        each(d.path("slots")).filter(s -> s.path("name").asText().equals("service")).findFirst().orElseThrow();
    assertEquals("enum", service.path("type").asText());
    JsonNode values = service.path("values");
    assertTrue(values.size() >= 5 && values.size() <= 8, values.size() + " services");
    values.fields().forEachRemaining(e -> assertTrue(e.getValue().size() >= 4, e.getKey() + " has few synonyms"));
    for (JsonNode slot : d.path("slots")) {
      assertFalse(BUILT_IN_SLOTS.contains(slot.path("name").asText()), "declares a built-in slot");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void intentsAreCustomAndRichInExamples(String language) {
    JsonNode intents = doc(language).path("intents");
    assertTrue(intents.size() >= 10 && intents.size() <= 14, intents.size() + " intents");
    for (JsonNode intent : intents) {
      String name = intent.path("name").asText();
      assertFalse(BUILT_IN_INTENTS.contains(name), "declares the built-in intent " + name);
      assertTrue(intent.path("examples").size() >= 10, name + " has fewer than 10 examples");
      intent.path("examples").forEach(e -> assertLength(e, 1, 300, name + " example"));
    }
  }

  @Test
  void theScorecardIsBant() {
    JsonNode q = EN.path("qualification");
    assertEquals(60, q.path("threshold").asInt());
    Map<String, String> slots = new HashMap<>();
    int total = 0;
    for (JsonNode field : q.path("fields")) {
      slots.put(field.path("name").asText(), field.path("slot").asText() + ":" + field.path("weight").asInt());
      total += field.path("weight").asInt();
    }
    assertEquals(Map.of("budget", "budget:25", "authority", "role:15", "need", "service:35", "timeline", "timeline:25"), slots);
    assertEquals(100, total);
  }

  // ---- the flow

  @Test
  void theFlowFollowsTheSkeleton() {
    JsonNode flow = EN.path("flow");
    assertEquals("welcome", flow.path("start").asText());
    Map<String, JsonNode> nodes = nodes(EN);
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("welcome", "message"), Map.entry("ask_need", "question"),
            Map.entry("ask_timeline", "question"), Map.entry("ask_budget", "question"),
            Map.entry("ask_role", "question"), Map.entry("ask_name", "question"),
            Map.entry("ask_email", "question"), Map.entry("check", "condition"), Map.entry("offer", "cta"),
            Map.entry("booked", "end"), Map.entry("nurture", "message"), Map.entry("goodbye", "end"),
            Map.entry("handoff", "handoff"), Map.entry("answer", "knowledge"));
    assertEquals(expected.keySet(), nodes.keySet());
    expected.forEach((id, type) -> assertEquals(type, nodes.get(id).path("type").asText(), id));
    // the questions, in order, each with its slot, question and reprompt
    String[][] questions = {
      {"ask_need", "service", "ask_timeline"}, {"ask_timeline", "timeline", "ask_budget"},
      {"ask_budget", "budget", "ask_role"}, {"ask_role", "role", "ask_name"},
      {"ask_name", "name", "ask_email"}, {"ask_email", "email", "check"},
    };
    assertEquals("ask_need", nodes.get("welcome").path("next").asText());
    for (String[] q : questions) {
      JsonNode node = nodes.get(q[0]);
      assertEquals(q[1], node.path("slot").asText(), q[0]);
      assertEquals(q[0], node.path("say").asText(), q[0]);
      assertEquals(q[0] + "_again", node.path("reprompt").asText(), q[0]);
      assertEquals(q[2], node.path("next").asText(), q[0]);
    }
    JsonNode check = nodes.get("check");
    assertEquals("leadScore", check.at("/edges/0/when/field").asText());
    assertEquals("gte", check.at("/edges/0/when/op").asText());
    assertEquals(60, check.at("/edges/0/when/value").asInt());
    assertEquals("offer", check.at("/edges/0/to").asText());
    assertEquals("nurture", check.path("else").asText());
    JsonNode offer = nodes.get("offer");
    assertEquals("book_call", offer.path("action").asText());
    assertEquals("https://example.com/healthcare/appointment", offer.path("url").asText());
    assertEquals("booked", offer.path("next").asText());
    assertEquals("nurture", offer.path("else").asText());
    assertEquals("goodbye", nodes.get("nurture").path("next").asText());
    assertEquals("no_answer", nodes.get("answer").path("fallback").asText());
    assertEquals("ask_need", nodes.get("answer").path("next").asText());
    // the A/B test on the greeting
    JsonNode welcome = nodes.get("welcome");
    assertEquals("greeting-test", welcome.path("experiment").asText());
    assertEquals(List.of("a", "b"), texts(welcome.path("variants"), "id"));
    assertEquals(List.of("greeting", "greeting_b"), texts(welcome.path("variants"), "say"));
    assertEquals(100, each(welcome.path("variants")).mapToInt(v -> v.path("weight").asInt()).sum());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void everyReferenceResolves(String language) {
    JsonNode d = doc(language);
    Set<String> responses = new LinkedHashSet<>(keys(d.path("responses")));
    Map<String, JsonNode> nodes = nodes(d);
    assertTrue(nodes.containsKey(d.path("flow").path("start").asText()), "start");
    for (JsonNode node : d.path("flow").path("nodes")) {
      String id = node.path("id").asText();
      assertTrue(NODE_TYPES.contains(node.path("type").asText()), id + " has an unknown type");
      for (String field : List.of("say", "reprompt", "fallback")) {
        if (node.has(field)) {
          assertTrue(responses.contains(node.path(field).asText()), id + "." + field + " has no response");
        }
      }
      each(node.path("variants")).forEach(
          v -> assertTrue(responses.contains(v.path("say").asText()), id + " variant " + v.path("id").asText()));
      List<String> targets = new ArrayList<>();
      for (String field : List.of("next", "else")) {
        if (node.has(field)) {
          targets.add(node.path(field).asText());
        }
      }
      each(node.path("edges")).forEach(e -> targets.add(e.path("to").asText()));
      for (String target : targets) {
        assertTrue(nodes.containsKey(target), id + " points to the missing node " + target);
      }
    }
    for (JsonNode rule : d.path("compliance")) {
      assertTrue(responses.contains(rule.path("say").asText()), rule.path("id").asText() + ".say has no response");
    }
    for (String key : List.of("fallback", "consent_request", "consent_declined", "answer_intro", "no_answer", "handoff")) {
      assertTrue(responses.contains(key), "no response " + key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void responsesUseOnlyKnownVariables(String language) {
    JsonNode d = doc(language);
    Set<String> slots = new LinkedHashSet<>(BUILT_IN_SLOTS);
    slots.addAll(texts(d.path("slots"), "name"));
    List<String> texts = new ArrayList<>();
    d.path("responses").forEach(r -> texts.add(r.asText()));
    d.path("objections").forEach(o -> texts.add(o.path("answer").asText()));
    for (String text : texts) {
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        String v = m.group(1);
        boolean known =
            v.equals("agent.name") || v.equals("cta.url") || v.equals("leadScore")
                || v.startsWith("var.") || (v.startsWith("slot.") && slots.contains(v.substring(5)));
        assertTrue(known, "unknown variable {{" + v + "}} in: " + text);
      }
    }
  }

  // ---- objections

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void theObjectionLibraryIsComplete(String language) {
    JsonNode objections = doc(language).path("objections");
    assertTrue(objections.size() >= 28 && objections.size() <= 32, objections.size() + " objections");
    for (JsonNode o : objections) {
      String id = o.path("id").asText();
      assertFalse(o.path("name").asText().isBlank(), id + " has no name");
      assertTrue(o.path("examples").size() >= 5, id + " has fewer than 5 examples");
      Set<String> distinct = new LinkedHashSet<>();
      o.path("examples").forEach(e -> distinct.add(normalize(e.asText())));
      assertEquals(o.path("examples").size(), distinct.size(), id + " repeats an example");
      String answer = o.path("answer").asText();
      assertFalse(answer.isBlank(), id + " has no answer");
      long sentences = Pattern.compile("[.!?](\\s|$)").matcher(answer).results().count();
      assertTrue(sentences >= 2 && sentences <= 4, id + " answer has " + sentences + " sentences");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void noPhraseTrainsTwoLabels(String language) {
    JsonNode d = doc(language);
    Map<String, String> owner = new HashMap<>();
    Function<String, java.util.function.Consumer<JsonNode>> claim =
        label -> example -> {
          String previous = owner.putIfAbsent(normalize(example.asText()), label);
          if (previous != null) {
            fail("\"" + example.asText() + "\" is an example of " + previous + " and of " + label);
          }
        };
    d.path("intents").forEach(i -> i.path("examples").forEach(claim.apply("intent:" + i.path("name").asText())));
    d.path("objections").forEach(o -> o.path("examples").forEach(claim.apply("objection:" + o.path("id").asText())));
    d.path("compliance").forEach(r -> r.path("examples").forEach(claim.apply("compliance:" + r.path("id").asText())));
  }

  /** Lower case, no accents, no punctuation, single spaces. */
  static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  // ---- compliance

  private static JsonNode rule(JsonNode d, String id) {
    return each(d.path("compliance")).filter(r -> r.path("id").asText().equals(id)).findFirst().orElseThrow(
        () -> new AssertionError("no compliance rule " + id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void theComplianceRulesAreThere(String language) {
    JsonNode d = doc(language);
    JsonNode consent = rule(d, "consent");
    assertEquals("consent", consent.path("type").asText());
    assertEquals("consent_request", consent.path("say").asText());
    JsonNode privacy = rule(d, "privacy");
    assertEquals("notice", privacy.path("type").asText());
    assertEquals("start", privacy.path("at").asText());
    assertEquals("privacy_notice", privacy.path("say").asText());
    JsonNode refuse = rule(d, "no-diagnosis");
    assertEquals("refuse", refuse.path("type").asText());
    assertEquals("no_medical_advice", refuse.path("say").asText());
    assertTrue(refuse.path("examples").size() >= 10, "few refusal examples");
    assertTrue(refuse.path("keywords").size() >= 6, "few refusal keywords");
    JsonNode forbid = rule(d, "no-treatment-output");
    assertEquals("forbid_output", forbid.path("type").asText());
    assertEquals("no_medical_advice", forbid.path("say").asText());
    assertTrue(forbid.path("patterns").size() >= 4, "few output patterns");
    forbid.path("patterns").forEach(p -> assertTrue(p.asText().startsWith("(?i)"), "case-sensitive: " + p));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void noIntentOrObjectionExampleTriggersTheRefusal(String language) {
    JsonNode d = doc(language);
    List<Pattern> keywords = new ArrayList<>();
    rule(d, "no-diagnosis").path("keywords").forEach(
        k -> keywords.add(Pattern.compile("(?iu)(?<!\\p{L})" + Pattern.quote(k.asText()) + "(?!\\p{L})")));
    Stream.concat(each(d.path("intents")), each(d.path("objections")))
        .flatMap(n -> each(n.path("examples")))
        .forEach(e -> keywords.forEach(
            k -> assertFalse(k.matcher(e.asText()).find(), "\"" + e.asText() + "\" contains a refusal keyword")));
  }

  private static List<Pattern> forbidden(JsonNode d) {
    List<Pattern> patterns = new ArrayList<>();
    rule(d, "no-treatment-output").path("patterns").forEach(p -> patterns.add(Pattern.compile(p.asText())));
    return patterns;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a diagnosis
        "From what you describe, you probably have tendinitis.",
        "You likely have a mild infection.",
        "Based on that, your diagnosis is eczema.",
        "Usted probablemente tiene una infección de orina.",
        "Seguramente tienes una contractura.",
        "Su diagnóstico es una dermatitis.",
        // a dose or a treatment
        "Take 400 mg of ibuprofen every eight hours.",
        "You should TAKE 500mg twice a day.",
        "Tome 500 mg de paracetamol cada ocho horas.",
        "Don't worry, you don't need surgery.",
        "No necesitas una cirugía para eso.",
      })
  void theOutputRuleCatchesMedicalAdvice(String reply) {
    for (JsonNode d : List.of(EN, ES)) {
      assertTrue(forbidden(d).stream().anyMatch(p -> p.matcher(reply).find()), "not caught: " + reply);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void theTemplatesOwnRepliesPassTheOutputRule(String language) {
    JsonNode d = doc(language);
    List<String> replies = new ArrayList<>();
    d.path("responses").forEach(r -> replies.add(r.asText()));
    d.path("objections").forEach(o -> replies.add(o.path("answer").asText()));
    d.path("knowledge").forEach(k -> replies.add(k.path("text").asText()));
    for (String reply : replies) {
      for (Pattern p : forbidden(d)) {
        assertFalse(p.matcher(reply).find(), p + " matches the template's own text: " + reply);
      }
    }
  }

  // ---- ROI, metrics, playbook, knowledge

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void roiFormulasUseOnlyInputsNumbersAndTheDocumentedFunctions(String language) {
    JsonNode roi = doc(language).path("roi");
    JsonNode inputs = roi.path("inputs");
    assertTrue(inputs.size() >= 3 && inputs.size() <= 5, inputs.size() + " inputs");
    assertTrue(roi.path("outputs").size() >= 2 && roi.path("outputs").size() <= 4);
    Map<String, Double> defaults = new HashMap<>();
    for (JsonNode input : inputs) {
      assertTrue(input.path("default").isNumber(), input + " has no default");
      assertFalse(input.path("label").asText().isBlank());
      defaults.put(input.path("id").asText(), input.path("default").asDouble());
    }
    for (JsonNode output : roi.path("outputs")) {
      String formula = output.path("formula").asText();
      assertTrue(Set.of("money", "number", "percent").contains(output.path("unit").asText()), formula);
      Matcher m = FORMULA_TOKEN.matcher(formula);
      int end = 0;
      while (m.lookingAt()) {
        String token = m.group();
        if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
          assertTrue(defaults.containsKey(token) || FORMULA_FUNCTIONS.contains(token), "unknown name " + token);
        }
        end = m.end();
        m.region(end, formula.length());
      }
      assertEquals(formula.length(), end, "unexpected character in " + formula);
      Formula.evaluate(formula, defaults);
    }
  }

  @Test
  void roiDefaultsGiveThePublishedExample() {
    // 400 enquiries, 15 % booking today, +8 points, 120 per visit, 1.5 follow-ups per patient
    Map<String, Double> inputs = new HashMap<>();
    EN.path("roi").path("inputs").forEach(i -> inputs.put(i.path("id").asText(), i.path("default").asDouble()));
    Map<String, Double> out = new HashMap<>();
    EN.path("roi").path("outputs").forEach(
        o -> out.put(o.path("id").asText(), Formula.evaluate(o.path("formula").asText(), inputs)));
    assertEquals(Map.of("extra_patients", 32.0, "booking_rate_after", 23.0, "extra_revenue", 9600.0,
        "extra_revenue_year", 115200.0), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void metricsPlaybookAndKnowledgeAreFilledIn(String language) {
    JsonNode d = doc(language);
    assertTrue(d.path("metrics").size() >= 5);
    for (JsonNode m : d.path("metrics")) {
      assertTrue(Set.of("percent", "count", "money", "minutes").contains(m.path("unit").asText()), m.toString());
      assertTrue(m.path("target").isNumber(), m.toString());
      assertFalse(m.path("name").asText().isBlank() || m.path("description").asText().isBlank(), m.toString());
    }
    assertTrue(d.path("playbook").size() >= 6);
    d.path("playbook").forEach(p -> assertFalse(p.path("title").asText().isBlank() || p.path("text").asText().isBlank()));
    assertTrue(d.path("knowledge").size() >= 5);
    for (JsonNode k : d.path("knowledge")) {
      int words = k.path("text").asText().split("\\s+").length;
      assertTrue(words >= 200 && words <= 600, k.path("title").asText() + " has " + words + " words");
    }
  }
}
