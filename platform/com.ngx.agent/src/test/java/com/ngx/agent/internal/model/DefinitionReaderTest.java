package com.ngx.agent.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.TestDefinitions;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

  @Test
  void theBlankAgentIsValid() {
    Definition d = DefinitionReader.read(TestDefinitions.blank("en"));
    assertEquals("en", d.language());
    assertEquals(List.of("en", "es"), d.languages());
    assertEquals("welcome", d.flow().start());
    assertEquals("question", d.node("ask_need").type());
    assertEquals("¿Qué estás buscando?", d.text("ask_need", "es"));
    assertEquals(100, d.qualification().fields().stream().mapToInt(Definition.Qualification.Field::weight).sum());
  }

  @Test
  void flowErrorsNameTheNodeAndTheField() {
    ObjectNode d = TestDefinitions.blank("en");
    ObjectNode askNeed = (ObjectNode) d.path("flow").path("nodes").path(1);
    askNeed.put("slot", "shoe_size");
    askNeed.put("say", "no_such_text");
    ((ObjectNode) d.path("flow").path("nodes").path(0)).put("next", "nowhere");
    ((ObjectNode) d.path("flow").path("nodes").path(2)).put("type", "teleport");
    List<String> fields = fields(d);
    assertTrue(fields.contains("flow.nodes[ask_need].slot"), fields.toString());
    assertTrue(fields.contains("flow.nodes[ask_need].say"), fields.toString());
    assertTrue(fields.contains("flow.nodes[welcome].next"), fields.toString());
    assertTrue(fields.contains("flow.nodes[ask_timeline].type"), fields.toString());
  }

  @Test
  void conditionsCtasAndSplitsAreChecked() {
    ObjectNode d = TestDefinitions.blank("en");
    var nodes = (com.fasterxml.jackson.databind.node.ArrayNode) d.path("flow").path("nodes");
    nodes.addObject().put("id", "route").put("type", "condition").put("else", "done")
        .putArray("edges").addObject().put("to", "done").putObject("when").put("field", "leadScore").put("op", "gte").put("value", "high");
    nodes.addObject().put("id", "buy").put("type", "cta").put("action", "teleport").put("url", "ftp://x").put("say", "thanks").put("next", "done");
    var split = nodes.addObject().put("id", "split").put("type", "ab_split").put("experiment", "e1");
    var splitVariants = split.putArray("variants");
    splitVariants.addObject().put("id", "a").put("weight", 0).put("to", "done");
    splitVariants.addObject().put("id", "b").put("weight", 1).put("to", "done");
    List<String> fields = fields(d);
    assertTrue(fields.contains("flow.nodes[route].edges[0].when.value"), fields.toString());
    assertTrue(fields.contains("flow.nodes[buy].action"), fields.toString());
    assertTrue(fields.contains("flow.nodes[buy].url"), fields.toString());
    assertTrue(fields.contains("flow.nodes[split].variants[0].weight"), fields.toString());
  }

  @Test
  void intentsSlotsScorecardAndRulesAreChecked() {
    ObjectNode d = TestDefinitions.blank("en");
    d.putArray("intents").addObject().put("name", "affirm").putArray("examples").add("yes");
    d.putArray("slots").addObject().put("name", "need").put("type", "pattern").put("pattern", "([");
    ((ObjectNode) d.path("qualification").path("fields").path(0)).put("weight", 50);
    d.putArray("compliance").addObject().put("id", "c").put("type", "forbid_output").put("say", "thanks").putArray("patterns").add("(");
    ((ObjectNode) d.path("responses")).putObject("bad").put("en", "Hello {{slot.shoe_size}}");
    List<String> fields = fields(d);
    assertTrue(fields.contains("intents[0].name"), fields.toString());
    assertTrue(fields.contains("slots[0].pattern"), fields.toString());
    assertTrue(fields.contains("qualification.fields"), fields.toString());
    assertTrue(fields.contains("compliance[0].patterns[0]"), fields.toString());
    assertTrue(fields.contains("responses.bad.en"), fields.toString());
  }

  @Test
  void intentsAreLimitedAndNamed() {
    var tooMany = Json.MAPPER.createArrayNode();
    for (int i = 0; i < 1001; i++) {
      tooMany.addObject().put("name", "i" + i).putArray("examples").add("x");
    }
    ApiException e = assertThrows(ApiException.class, () -> DefinitionReader.readIntents(tooMany));
    assertEquals("intents", e.errors().get(0).field());
    var dup = Json.MAPPER.createArrayNode();
    dup.addObject().put("name", "a").putArray("examples").add("x");
    dup.addObject().put("name", "a").putArray("examples");
    List<String> fields = assertThrows(ApiException.class, () -> DefinitionReader.readIntents(dup)).errors().stream()
        .map(FieldError::field).toList();
    assertTrue(fields.contains("intents[1].name") && fields.contains("intents[1].examples"), fields.toString());
  }

  private static List<String> fields(ObjectNode d) {
    ApiException e = assertThrows(ApiException.class, () -> DefinitionReader.read(d));
    assertEquals(400, e.status());
    return e.errors().stream().map(FieldError::field).toList();
  }
}
