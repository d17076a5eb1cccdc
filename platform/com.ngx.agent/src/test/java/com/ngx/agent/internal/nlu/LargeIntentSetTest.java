package com.ngx.agent.internal.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.RealEmbedder;
import com.ngx.agent.internal.TestDefinitions;
import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.model.DefinitionReader;
import org.junit.jupiter.api.Test;

/** A very large intent set is classified by wording at once, before its embeddings exist. */
class LargeIntentSetTest {
  @Test
  void lexicalClassificationOfFiveHundredIntentsPicksTheRightOne() {
    ObjectNode d = TestDefinitions.blank("en");
    ArrayNode intents = d.putArray("intents");
    ObjectNode refund = intents.addObject().put("name", "refund");
    refund.putArray("examples").add("I want my money back").add("how do I get a refund").add("can I return it for a refund");
    for (int i = 1; i < 500; i++) {
      ArrayNode ex = intents.addObject().put("name", "topic-" + i).putArray("examples");
      for (int j = 0; j < 100; j++) {
        ex.add("question " + j + " about product line " + i + " and its option " + (i * 7 + j) % 97);
      }
    }
    Definition def = DefinitionReader.read(d);
    Understanding u = Understanding.lexical(def);
    assertFalse(u.semantic());
    long start = System.nanoTime();
    Understanding.Analysis a = u.analyze("I would like a refund please", RealEmbedder.get().embed("I would like a refund please"));
    System.out.printf("lexical classification over %d examples: %.1f ms%n", Understanding.phrases(def), (System.nanoTime() - start) / 1e6);
    assertEquals("refund", a.intents().get(0).label(), a.toString());
    assertEquals("refund", a.intent().label());
    Understanding.Analysis product = u.analyze("question about product line 42 option 3", new float[384]);
    assertEquals("topic-42", product.intents().get(0).label(), product.intents().toString());
  }
}
