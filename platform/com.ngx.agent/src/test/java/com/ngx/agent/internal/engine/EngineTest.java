package com.ngx.agent.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.RealEmbedder;
import com.ngx.agent.internal.TestDefinitions;
import com.ngx.agent.internal.knowledge.KnowledgeIndex;
import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.nlu.Understanding;
import com.ngx.api.event.EventTypes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine on the blank agent (the product's own definition) with the real embedding model. */
class EngineTest {

  static Engine engine(ObjectNode json, KnowledgePort knowledge) {
    Definition d = DefinitionReader.read(json);
    return new Engine(d, Understanding.build(d, RealEmbedder.get()), RealEmbedder.get(), knowledge);
  }

  static ObjectNode withObjection(ObjectNode d) {
    ObjectNode o = d.putArray("objections").addObject().put("id", "too-expensive").put("name", "Price");
    o.putArray("examples").add("that's too expensive").add("it costs too much").add("I can't afford it")
        .add("es demasiado caro").add("no me lo puedo permitir");
    o.putObject("answer").put("en", "I understand. Most clients recover the cost in two months.").put("es", "Lo entiendo.");
    return d;
  }

  @Test
  void aQualifyingConversationAsksForConsentBeforeContactDataAndScoresTheLead() {
    Engine e = engine(TestDefinitions.blank("en"), KnowledgePort.NONE);
    ConversationState st = new ConversationState();
    Turn t = e.start("c1", "en", st);
    assertTrue(t.reply().contains("What are you looking for?"), t.reply());
    assertEquals(List.of("welcome", "ask_need"), t.path);
    e.reply("c1", "en", st, "A new online shop for my bakery");
    assertEquals("ask_timeline", st.node);
    e.reply("c1", "en", st, "as soon as possible");
    t = e.reply("c1", "en", st, "around $2,000");
    assertEquals("2000", st.slots.get("budget").value());
    // the name is contact data: consent comes first
    assertTrue(t.path.contains("consent"), t.path.toString());
    assertEquals("ask_name", st.awaitingConsentFor);
    t = e.reply("c1", "en", st, "yes, sure");
    assertTrue(st.consent);
    assertTrue(t.reply().contains("What's your name?"), t.reply());
    e.reply("c1", "en", st, "Marta Ruiz");
    t = e.reply("c1", "en", st, "marta@bakery.example");
    assertEquals("ended", st.status);
    assertEquals("marta@bakery.example", st.slots.get("email").value());
    assertEquals("A new online shop for my bakery", st.slots.get("need").words(), "each field keeps the prospect's own words");
    assertTrue(st.score >= 60, "score " + st.score);
    assertTrue(st.qualified);
  }

  @Test
  void withoutConsentNoContactDataIsAskedForOrStored() {
    Engine e = engine(TestDefinitions.blank("es"), KnowledgePort.NONE);
    ConversationState st = new ConversationState();
    e.start("c2", "es", st);
    Turn t = e.reply("c2", "es", st, "Una web nueva, mi correo es ana@example.com");
    assertTrue(t.compliance.contains("withheld:email"), t.compliance.toString());
    assertNull(st.slots.get("email"));
    e.reply("c2", "es", st, "el mes que viene");
    e.reply("c2", "es", st, "unos 500 euros");
    t = e.reply("c2", "es", st, "no, gracias");
    assertEquals(Boolean.FALSE, st.consent);
    assertTrue(t.path.contains("skipped:ask_name") && t.path.contains("skipped:ask_email"), t.path.toString());
    assertNull(st.slots.get("name"));
    assertEquals("ended", st.status);
  }

  @Test
  void objectionsAreAnsweredAndTheQuestionAskedAgain() {
    Engine e = engine(withObjection(TestDefinitions.blank("en")), KnowledgePort.NONE);
    ConversationState st = new ConversationState();
    e.start("c3", "en", st);
    e.reply("c3", "en", st, "a CRM for my sales team");
    Turn t = e.reply("c3", "en", st, "honestly that sounds too expensive for us");
    assertEquals("too-expensive", t.objection.name());
    assertTrue(t.reply().startsWith("I understand."), t.reply());
    assertTrue(t.reply().contains("this month"), "asks the timeline again: " + t.reply());
    assertEquals("ask_timeline", st.node);
  }

  @Test
  void questionsAreAnsweredFromTheKnowledgeBaseWithSources() {
    KnowledgePort kb = (text, vector, language) -> text.contains("open")
        ? Optional.of(new KnowledgeIndex.Answer("We are open 9 to 5.", List.of(new KnowledgeIndex.Source("d1", "Hours", 1, "We are open 9 to 5."))))
        : Optional.empty();
    Engine e = engine(TestDefinitions.blank("en"), kb);
    ConversationState st = new ConversationState();
    e.start("c4", "en", st);
    Turn t = e.reply("c4", "en", st, "when are you open?");
    assertTrue(t.reply().startsWith("We are open 9 to 5."), t.reply());
    assertEquals("Hours", t.sources.get(0).documentName());
    assertEquals("ask_need", st.node, "the question is asked again");
  }

  @Test
  void complianceRulesRefuseRewordAndBlock() {
    ObjectNode d = TestDefinitions.blank("en");
    ArrayNode rules = (ArrayNode) d.get("compliance");
    ObjectNode refuse = rules.addObject().put("id", "no-diagnosis").put("type", "refuse").put("say", "fallback");
    refuse.putArray("examples").add("what medication should I take").add("do I have an infection");
    refuse.putArray("keywords").add("dosage");
    rules.addObject().put("id", "fair").put("type", "wording").putArray("terms").addObject().put("avoid", "online shop").put("use", "web store");
    ((ObjectNode) d.get("responses")).putObject("ask_timeline").put("en", "When would you like your online shop?").put("es", "¿Cuándo?");
    ObjectNode block = rules.addObject().put("id", "no-promises").put("type", "forbid_output").put("say", "fallback");
    block.putArray("patterns").add("(?i)guaranteed");
    Engine e = engine(d, (text, vector, language) -> Optional.of(new KnowledgeIndex.Answer("Results are guaranteed!", List.of())));
    ConversationState st = new ConversationState();
    e.start("c5", "en", st);
    Turn t = e.reply("c5", "en", st, "what is the right dosage for ibuprofen?");
    assertTrue(t.compliance.contains("refused:no-diagnosis"), t.compliance.toString());
    t = e.reply("c5", "en", st, "an app for my gym");
    assertTrue(t.reply().contains("web store") && !t.reply().contains("online shop"), t.reply());
    t = e.reply("c5", "en", st, "are results guaranteed?");
    assertTrue(t.compliance.contains("blocked:no-promises"), t.compliance.toString());
    assertFalse(t.reply().toLowerCase().contains("guaranteed"), t.reply());
  }

  @Test
  void aRequestForAHumanHandsOffWithASummary() {
    Engine e = engine(TestDefinitions.blank("en"), KnowledgePort.NONE);
    ConversationState st = new ConversationState();
    e.start("c6", "en", st);
    e.reply("c6", "en", st, "a booking system");
    Turn t = e.reply("c6", "en", st, "I'd like to talk to a real person please");
    assertEquals("handed_off", st.status);
    Turn.Event handoff = t.events.stream().filter(ev -> ev.type().equals(EventTypes.HANDOFF)).findFirst().orElseThrow();
    assertTrue(handoff.data().get("summary").contains("a booking system"), handoff.data().toString());
    assertTrue(e.reply("c6", "en", st, "hello?").reply().contains("team"));
  }

  @Test
  void splitsAndMessageVariantsAreAssignedOncePerConversation() {
    ObjectNode d = TestDefinitions.blank("en");
    ArrayNode nodes = (ArrayNode) d.path("flow").path("nodes");
    ObjectNode welcome = (ObjectNode) nodes.get(0);
    welcome.put("experiment", "greet");
    ArrayNode variants = welcome.putArray("variants");
    variants.addObject().put("id", "a").put("weight", 1).put("say", "greeting");
    variants.addObject().put("id", "b").put("weight", 1).put("say", "goodbye");
    Engine e = engine(d, KnowledgePort.NONE);
    int b = 0;
    for (int i = 0; i < 40; i++) {
      ConversationState st = new ConversationState();
      Turn t = e.start("conv-" + i, "en", st);
      String v = st.assignments.get("greet");
      assertEquals(v.equals("a"), t.reply().startsWith("Hi!"), t.reply());
      ConversationState again = new ConversationState();
      e.start("conv-" + i, "en", again);
      assertEquals(v, again.assignments.get("greet"));
      b += v.equals("b") ? 1 : 0;
    }
    assertTrue(b > 5 && b < 35, "b: " + b);
  }

  @Test
  void unansweredQuestionsAreRepromptedThenSkipped() {
    Engine e = engine(TestDefinitions.blank("en"), KnowledgePort.NONE);
    ConversationState st = new ConversationState();
    e.start("c7", "en", st);
    e.reply("c7", "en", st, "a website");
    Turn t = e.reply("c7", "en", st, "hmm");
    assertTrue(t.reply().contains("this month"), t.reply());
    e.reply("c7", "en", st, "dunno");
    t = e.reply("c7", "en", st, "whatever");
    assertTrue(t.path.contains("skipped:ask_timeline"), t.path.toString());
    assertEquals("ask_budget", st.node);
  }
}
