package com.ngx.vertical.saas.internal;

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
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled documents, parsed with Jackson, against the reference and the product brief. */
class TemplateDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUIRED_RESPONSES = Set.of("fallback", "consent_request",
      "consent_declined", "answer_intro", "no_answer", "handoff", "privacy_notice");

  static JsonNode load(String language) {
    try (InputStream in = SaasTemplate.class.getResourceAsStream("/template/" + language + ".json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(language + ".json does not parse", e);
    }
  }

  @Test
  void bothLanguagesHaveTheSameStructure() {
    assertEquals(List.of(), TemplateChecks.sameStructure(load("en"), load("es")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void passesEveryCheck(String language) {
    JsonNode doc = load(language);
    List<String> problems = new ArrayList<>();
    problems.addAll(TemplateChecks.references(doc));
    problems.addAll(TemplateChecks.identifiers(doc));
    problems.addAll(TemplateChecks.objections(doc, 25));
    problems.addAll(TemplateChecks.uniqueExamples(doc));
    problems.addAll(TemplateChecks.roiFormulas(doc));
    problems.addAll(TemplateChecks.wording(doc));
    assertEquals(List.of(), problems);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void followsTheFlowSkeleton(String language) {
    JsonNode flow = load(language).path("flow");
    assertEquals("welcome", flow.path("start").asText());
    List<String> nodes = new ArrayList<>();
    for (JsonNode n : flow.path("nodes")) {
      nodes.add(String.join(" ", n.path("id").asText(), n.path("type").asText(),
          n.path("slot").asText("-"), n.path("say").asText("-"), n.path("next").asText("-"),
          n.path("else").asText("-")));
    }
    assertEquals(List.of(
        // id, type, slot, say, next, else
        "welcome message - greeting ask_need -",
        "ask_need question use_case ask_need ask_timeline -",
        "ask_timeline question timeline ask_timeline ask_budget -",
        "ask_budget question budget ask_budget ask_role -",
        "ask_role question role ask_role ask_name -",
        "ask_name question name ask_name ask_email -",
        "ask_email question email ask_email check -",
        "check condition - - - nurture",
        "offer cta - offer booked nurture",
        "booked end - booked - -",
        "nurture message - nurture goodbye -",
        "goodbye end - goodbye - -",
        "handoff handoff - handoff - -",
        "answer knowledge - answer_intro ask_need -"), nodes);
    for (JsonNode n : flow.path("nodes")) {
      if (n.path("type").asText().equals("question")) {
        assertEquals(n.path("say").asText() + "_again", n.path("reprompt").asText(), n.toString());
      }
    }
    JsonNode welcome = flow.at("/nodes/0");
    assertEquals("greeting-test", welcome.path("experiment").asText());
    assertEquals("[{\"id\":\"a\",\"weight\":50,\"say\":\"greeting\"},"
        + "{\"id\":\"b\",\"weight\":50,\"say\":\"greeting_b\"}]", welcome.path("variants").toString());
    assertEquals("[{\"when\":{\"field\":\"leadScore\",\"op\":\"gte\",\"value\":60},\"to\":\"offer\"}]",
        flow.at("/nodes/7/edges").toString());
    JsonNode offer = flow.at("/nodes/8");
    assertEquals("start_trial", offer.path("action").asText());
    assertEquals("https://example.com/saas/trial", offer.path("url").asText());
    assertEquals("no_answer", flow.at("/nodes/13/fallback").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void hasTheContentTheBriefAsksFor(String language) {
    JsonNode doc = load(language);
    assertTrue(TemplateChecks.keys(doc.path("responses")).containsAll(REQUIRED_RESPONSES));
    doc.path("responses").forEach(r -> assertTrue(r.asText().length() <= 2000, r.asText()));
    for (String field : List.of("name", "tone", "persona")) {
      assertFalse(doc.path("personality").path(field).asText().isBlank(), field);
    }
    // intents: 10-14, each with 10+ examples
    assertBetween(10, 14, doc.path("intents").size(), "intents");
    doc.path("intents").forEach(i -> assertTrue(i.path("examples").size() >= 10, i.toString()));
    // the need slot: an enum with 5-8 values of 4+ synonyms each
    JsonNode useCase = doc.path("slots").get(0);
    assertEquals("use_case enum", useCase.path("name").asText() + " " + useCase.path("type").asText());
    assertBetween(5, 8, useCase.path("values").size(), "use_case values");
    useCase.path("values").forEach(v -> assertTrue(v.size() >= 4, v.toString()));
    // BANT with the need weighted most
    assertEquals("{\"threshold\":60,\"fields\":["
        + "{\"name\":\"budget\",\"slot\":\"budget\",\"weight\":25},"
        + "{\"name\":\"authority\",\"slot\":\"role\",\"weight\":15},"
        + "{\"name\":\"need\",\"slot\":\"use_case\",\"weight\":35},"
        + "{\"name\":\"timeline\",\"slot\":\"timeline\",\"weight\":25}]}",
        doc.path("qualification").toString());
    // the library and the rest
    assertBetween(28, 32, doc.path("objections").size(), "objections");
    doc.path("objections").forEach(o -> assertTrue(o.path("examples").size() >= 5, o.toString()));
    assertTrue(doc.path("playbook").size() >= 6, "playbook");
    assertTrue(doc.path("metrics").size() >= 5, "metrics");
    assertBetween(3, 5, doc.at("/roi/inputs").size(), "roi inputs");
    assertBetween(2, 4, doc.at("/roi/outputs").size(), "roi outputs");
    assertTrue(doc.path("knowledge").size() >= 5, "knowledge");
    for (JsonNode k : doc.path("knowledge")) {
      int words = k.path("text").asText().split("\\s+").length;
      assertBetween(200, 600, words, k.path("title").asText());
    }
    assertEquals(List.of("consent|consent", "data-processing|notice", "no-guarantees|wording"),
        TemplateChecks.list(doc, "compliance", "id").stream()
            .map(id -> id + "|" + complianceType(doc, id)).toList());
    assertEquals("before_contact", doc.at("/compliance/1/at").asText());
    assertTrue(doc.at("/compliance/2/terms").size() >= 2);
  }

  /** Each check finds a deliberately broken copy, so a green run means something. */
  @Test
  void theChecksCatchBrokenDocuments() {
    assertFails(TemplateChecks::references, d -> flowNode(d, 1).put("next", "nowhere"));
    assertFails(TemplateChecks::references, d -> flowNode(d, 1).put("reprompt", "no_such_key"));
    assertFails(TemplateChecks::references, d -> ((ObjectNode) d.path("responses")).remove("offer"));
    assertFails(TemplateChecks::references, d -> ((ObjectNode) d.at("/flow/nodes/7/edges/0")).put("to", "x"));
    assertFails(TemplateChecks::identifiers, d -> flowNode(d, 2).put("id", "Ask Timeline"));
    assertFails(TemplateChecks::identifiers,
        d -> ((ArrayNode) d.path("intents")).addObject().put("name", "affirm"));
    assertFails(d -> TemplateChecks.objections(d, 25), d -> {
      ArrayNode objections = (ArrayNode) d.path("objections");
      while (objections.size() > 24) {
        objections.remove(0);
      }
    });
    assertFails(d -> TemplateChecks.objections(d, 25), d -> {
      ArrayNode examples = (ArrayNode) d.at("/objections/3/examples");
      while (examples.size() > 3) {
        examples.remove(0);
      }
    });
    assertFails(d -> TemplateChecks.objections(d, 25),
        d -> ((ObjectNode) d.at("/objections/0")).put("answer", " "));
    assertFails(TemplateChecks::uniqueExamples, d -> ((ArrayNode) d.at("/objections/5/examples"))
        .add(" " + d.at("/intents/0/examples/0").asText().toUpperCase() + " "));
    assertFails(TemplateChecks::roiFormulas,
        d -> ((ObjectNode) d.at("/roi/outputs/0")).put("formula", "team_size * seats"));
    assertFails(TemplateChecks::roiFormulas,
        d -> ((ObjectNode) d.at("/roi/outputs/0")).put("formula", "round(team_size, 0"));
    assertFails(TemplateChecks::roiFormulas,
        d -> ((ObjectNode) d.at("/roi/outputs/0")).put("formula", "team_size ^ 2"));
    assertFails(TemplateChecks::wording,
        d -> ((ObjectNode) d.path("responses")).put("offer", "100% uptime, promised"));
  }

  @Test
  void theStructureCheckCatchesDifferences() {
    JsonNode en = load("en");
    List<Consumer<ObjectNode>> breakages = List.of(
        d -> flowNode(d, 3).put("id", "ask_money"),
        d -> ((ObjectNode) d.path("responses")).put("extra", "text"),
        d -> ((ObjectNode) d.at("/intents/2")).put("name", "prices"),
        d -> ((ObjectNode) d.at("/slots/0/values")).remove("analytics"),
        d -> ((ObjectNode) d.at("/objections/4")).put("id", "other"),
        d -> ((ObjectNode) d.at("/compliance/1")).put("at", "start"),
        d -> ((ObjectNode) d.at("/roi/outputs/1")).put("formula", "team_size * 2"),
        d -> ((ObjectNode) d.at("/roi/inputs/0")).put("default", 11),
        d -> ((ObjectNode) d.at("/metrics/0")).put("id", "trials"));
    for (Consumer<ObjectNode> breakage : breakages) {
      ObjectNode es = load("es").deepCopy();
      breakage.accept(es);
      assertFalse(TemplateChecks.sameStructure(en, es).isEmpty(), es.toString().substring(0, 80));
    }
  }

  private static void assertFails(Function<JsonNode, List<String>> check, Consumer<ObjectNode> breakage) {
    ObjectNode doc = load("en").deepCopy();
    assertEquals(List.of(), check.apply(doc));
    breakage.accept(doc);
    assertFalse(check.apply(doc).isEmpty(), "the check did not notice the breakage");
  }

  private static ObjectNode flowNode(ObjectNode doc, int index) {
    return (ObjectNode) doc.at("/flow/nodes/" + index);
  }

  private static String complianceType(JsonNode doc, String id) {
    for (JsonNode rule : doc.path("compliance")) {
      if (rule.path("id").asText().equals(id)) {
        return rule.path("type").asText();
      }
    }
    return null;
  }

  private static void assertBetween(int min, int max, int actual, String what) {
    assertTrue(actual >= min && actual <= max, what + ": " + actual + " not in " + min + "–" + max);
  }
}
