package com.ngx.vertical.fitness.internal;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped documents against {@code docs/agent-definition.md} and the template's content brief. */
class TemplateDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode load(String language) throws IOException {
    try (InputStream in = TemplateDocumentsTest.class.getResourceAsStream("/template/" + language + ".json")) {
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void eachDocumentFollowsTheReference(String language) throws IOException {
    assertEquals(List.of(), TemplateChecks.document(load(language)));
  }

  @Test
  void bothLanguagesHaveTheSameStructure() throws IOException {
    assertEquals(List.of(), TemplateChecks.sameStructure(load("en"), load("es")));
  }

  @Test
  void noPhraseBelongsToTwoLabelsOnceMerged() throws IOException {
    assertEquals(List.of(), TemplateChecks.duplicateExamples(List.of(load("en"), load("es"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void flowFollowsTheSkeleton(String language) throws IOException {
    JsonNode flow = load(language).path("flow");
    assertEquals("welcome", flow.path("start").asText());
    assertEquals(
        List.of("welcome", "ask_need", "ask_timeline", "ask_budget", "ask_role", "ask_name", "ask_email", "check", "offer",
            "booked", "nurture", "goodbye", "handoff", "answer"),
        TemplateChecks.values(flow.path("nodes"), "id"));
    Map<String, String> slots = Map.of("ask_need", "goal", "ask_timeline", "timeline", "ask_budget", "budget",
        "ask_role", "role", "ask_name", "name", "ask_email", "email");
    for (JsonNode n : flow.path("nodes")) {
      String id = n.path("id").asText();
      if (slots.containsKey(id)) {
        assertEquals("question", n.path("type").asText(), id);
        assertEquals(slots.get(id), n.path("slot").asText(), id);
        assertEquals(id, n.path("say").asText(), id);
        assertEquals(id + "_again", n.path("reprompt").asText(), id);
      }
    }
    JsonNode welcome = flow.path("nodes").get(0);
    assertEquals("greeting-test", welcome.path("experiment").asText());
    assertEquals(List.of("greeting", "greeting_b"), TemplateChecks.values(welcome.path("variants"), "say"));
    assertEquals(List.of("50", "50"), TemplateChecks.values(welcome.path("variants"), "weight"));
    JsonNode check = flow.path("nodes").get(7);
    assertEquals("{\"field\":\"leadScore\",\"op\":\"gte\",\"value\":60}", check.path("edges").get(0).path("when").toString());
    JsonNode offer = flow.path("nodes").get(8);
    assertEquals("start_trial", offer.path("action").asText());
    assertEquals("https://example.com/fitness/trial", offer.path("url").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void contentIsComplete(String language) throws IOException {
    JsonNode doc = load(language);
    Set<String> responses = TemplateChecks.keys(doc.path("responses"));
    assertTrue(responses.containsAll(Set.of("fallback", "consent_request", "consent_declined", "answer_intro", "no_answer",
        "handoff", "no_medical_advice", "health_notice", "greeting_b")), responses.toString());

    JsonNode goal = doc.path("slots").get(0);
    assertEquals("goal", goal.path("name").asText());
    assertEquals("enum", goal.path("type").asText());
    assertTrue(goal.path("values").size() >= 5 && goal.path("values").size() <= 8);
    goal.path("values").forEach(synonyms -> assertTrue(synonyms.size() >= 4, synonyms.toString()));

    assertTrue(doc.path("intents").size() >= 10 && doc.path("intents").size() <= 14);
    doc.path("intents").forEach(i -> assertTrue(i.path("examples").size() >= 10, i.path("name").asText()));
    assertTrue(doc.path("objections").size() >= 28 && doc.path("objections").size() <= 32);
    doc.path("objections").forEach(o -> assertTrue(o.path("examples").size() >= 5, o.path("id").asText()));

    List<String> scorecard = new ArrayList<>();
    doc.path("qualification").path("fields").forEach(f ->
        scorecard.add(f.path("name").asText() + ":" + f.path("slot").asText() + ":" + f.path("weight").asInt()));
    assertEquals(List.of("budget:budget:25", "authority:role:15", "need:goal:35", "timeline:timeline:25"), scorecard);
    assertEquals(60, doc.path("qualification").path("threshold").asInt());

    assertEquals(List.of("consent", "health-disclaimer", "medical"), TemplateChecks.values(doc.path("compliance"), "id"));
    assertEquals(List.of("consent", "notice", "refuse"), TemplateChecks.values(doc.path("compliance"), "type"));
    assertEquals("start", doc.path("compliance").get(1).path("at").asText());
    assertTrue(doc.path("compliance").get(2).path("examples").size() >= 8);
    assertFalse(doc.path("compliance").get(2).path("keywords").isEmpty());

    assertTrue(doc.path("playbook").size() >= 6);
    assertTrue(doc.path("metrics").size() >= 5);
    int inputs = doc.path("roi").path("inputs").size();
    int outputs = doc.path("roi").path("outputs").size();
    assertTrue(inputs >= 3 && inputs <= 5 && outputs >= 2 && outputs <= 4);
    assertTrue(doc.path("knowledge").size() >= 5);
    for (JsonNode k : doc.path("knowledge")) {
      int words = k.path("text").asText().split("\\s+").length;
      assertTrue(words >= 200 && words <= 600, k.path("title").asText() + ": " + words + " words");
    }
  }

  // The checks catch broken documents: each case breaks one rule in a copy of the English document.

  @Test
  void catchesAMissingResponse() throws IOException {
    assertCaught(d -> ((ObjectNode) d.path("responses")).remove("ask_budget_again"), "ask_budget_again");
  }

  @Test
  void catchesADanglingNodeReference() throws IOException {
    assertCaught(d -> ((ObjectNode) d.path("flow").path("nodes").get(1)).put("next", "ask_shoe_size"), "ask_shoe_size");
  }

  @Test
  void catchesAnExampleUsedTwice() throws IOException {
    assertCaught(d -> ((ArrayNode) d.path("objections").get(0).path("examples")).add("How much is a membership?"),
        "appears twice");
  }

  @Test
  void catchesAThinObjection() throws IOException {
    assertCaught(d -> {
      ArrayNode examples = (ArrayNode) d.path("objections").get(3).path("examples");
      while (examples.size() > 3) {
        examples.remove(0);
      }
    }, "fewer than 4");
  }

  @Test
  void catchesAFormulaWithAnUnknownInput() throws IOException {
    assertCaught(d -> ((ObjectNode) d.path("roi").path("outputs").get(0)).put("formula", "leads * 2"), "leads");
  }

  @Test
  void catchesAStructuralDifferenceBetweenLanguages() throws IOException {
    JsonNode en = load("en");
    ObjectNode es = (ObjectNode) load("es");
    ((ObjectNode) es.path("objections").get(5)).put("id", "hidden-costs");
    ((ObjectNode) es.path("roi").path("outputs").get(1)).put("formula", "conversations / 10");
    List<String> problems = TemplateChecks.sameStructure(en, es);
    assertEquals(2, problems.size(), problems.toString());
  }

  private static void assertCaught(Consumer<JsonNode> breakIt, String expected) throws IOException {
    JsonNode doc = load("en");
    breakIt.accept(doc);
    List<String> problems = TemplateChecks.document(doc);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
  }
}
