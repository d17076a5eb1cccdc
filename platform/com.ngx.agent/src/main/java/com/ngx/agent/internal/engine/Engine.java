package com.ngx.agent.internal.engine;

import com.ngx.agent.internal.engine.ConversationState.SlotValue;
import com.ngx.agent.internal.knowledge.KnowledgeIndex.Answer;
import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.model.Definition.Node;
import com.ngx.agent.internal.model.Definition.Rule;
import com.ngx.agent.internal.model.Definition.SlotDef;
import com.ngx.agent.internal.model.Definition.Variant;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.nlu.ExampleIndex.Match;
import com.ngx.agent.internal.nlu.Slots;
import com.ngx.agent.internal.nlu.Slots.Captured;
import com.ngx.agent.internal.nlu.Understanding;
import com.ngx.agent.internal.nlu.Understanding.Analysis;
import com.ngx.agent.internal.nlu.YesNo;
import com.ngx.api.event.EventTypes;
import com.ngx.nlu.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversation engine: runs one agent version's flow for one conversation, turn by turn.
 * Stateless itself (the state travels in {@link ConversationState}), so one engine serves every
 * conversation of a version concurrently.
 *
 * <p>On every prospect message, before the flow: compliance refusals; a pending consent
 * question; slots mentioned in passing; a request for a human; goodbyes. Then the node the
 * conversation waits at handles the message (a question captures its slot; a branch routes; a
 * call to action is taken or declined), objections are answered from the library and questions
 * from the knowledge base, and the flow runs on to the next node that waits.
 */
public final class Engine {
  private static final int MAX_STEPS = 64;
  private static final int MAX_RETRIES = 2;
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*}}");
  private static final Pattern QUESTION =
      Pattern.compile("(?i)(\\?|¿|^(what|how|when|where|which|who|why|do you|does|can i|can you|is there|are there|"
          + "qué|que|cómo|como|cuándo|cuando|dónde|donde|cuál|cual|cuánto|cuanto|quién|por qué|hay|tienen|puedo)\\b)");

  /** Texts the engine says when an agent defines none of its own. */
  static final Map<String, Map<String, String>> DEFAULTS =
      Map.of(
          "consent_request", Map.of(
              "en", "Before I take your contact details: may we store them to get back to you? You can say no.",
              "es", "Antes de pedirte tus datos de contacto: ¿nos permites guardarlos para responderte? Puedes decir que no."),
          "consent_declined", Map.of(
              "en", "No problem, I won't store any contact details.",
              "es", "Sin problema, no guardaré ningún dato de contacto."),
          "fallback", Map.of(
              "en", "I'm not sure I understood that. Could you put it another way?",
              "es", "No estoy seguro de haberte entendido. ¿Puedes decirlo de otra forma?"),
          "handoff", Map.of(
              "en", "I'm passing you to a member of our team, who will continue from here.",
              "es", "Te paso con una persona de nuestro equipo, que seguirá desde aquí."),
          "handed_off", Map.of(
              "en", "A member of our team has your conversation and will reply shortly.",
              "es", "Una persona de nuestro equipo tiene tu conversación y te responderá en breve."),
          "goodbye", Map.of("en", "Thank you for your time. Goodbye!", "es", "Gracias por tu tiempo. ¡Hasta pronto!"),
          "ended", Map.of(
              "en", "This conversation has ended. Start a new one any time.",
              "es", "Esta conversación ha terminado. Puedes empezar otra cuando quieras."),
          "no_answer", Map.of(
              "en", "I don't have that information at hand, but our team can tell you.",
              "es", "No tengo esa información a mano, pero nuestro equipo te la puede dar."));

  private final Definition d;
  private final Understanding understanding;
  private final TextEmbedder embedder;
  private final KnowledgePort knowledge;
  private final Rule consentRule;
  /** Output rules compiled once per version (every reply passes through them). */
  private final List<Rewrite> wording = new ArrayList<>();
  private final List<Rewrite> blocked = new ArrayList<>();

  /** A compiled output rule: a pattern, and the replacement (wording) or response key (blocked). */
  private record Rewrite(String rule, Pattern pattern, String replacement) {}

  public Engine(Definition definition, Understanding understanding, TextEmbedder embedder, KnowledgePort knowledge) {
    this.d = definition;
    this.understanding = understanding;
    this.embedder = embedder;
    this.knowledge = knowledge;
    Rule consent = definition.rule("consent");
    this.consentRule = consent != null ? consent
        : new Rule("consent", "consent", "consent_request", null, List.of(), List.of(), List.of(), List.of(),
            List.of("name", "email", "phone"));
    for (Rule rule : definition.compliance()) {
      if (rule.type().equals("wording")) {
        for (Definition.Term term : rule.terms()) {
          wording.add(new Rewrite(rule.id(), Pattern.compile(Pattern.quote(term.avoid()), Pattern.CASE_INSENSITIVE),
              Matcher.quoteReplacement(term.use())));
        }
      } else if (rule.type().equals("forbid_output")) {
        for (String p : rule.patterns()) {
          blocked.add(new Rewrite(rule.id(), Pattern.compile(p), rule.say()));
        }
      }
    }
  }

  public Definition definition() {
    return d;
  }

  /** Starts a conversation: notices, then the flow from its start to the first node that waits. */
  public Turn start(String conversationId, String language, ConversationState st) {
    Run r = new Run(conversationId, lang(language), st, new Turn(), "", new float[embedder.dimensions()]);
    notice(r, "start");
    advance(r, d.flow().start());
    return r.turn;
  }

  /** Handles one prospect message. */
  public Turn reply(String conversationId, String language, ConversationState st, String text) {
    Run r = new Run(conversationId, lang(language), st, new Turn(), text, embedder.embed(text));
    Turn t = r.turn;
    if ("handed_off".equals(st.status)) {
      say(r, "handed_off");
      return t;
    }
    if (!"active".equals(st.status)) {
      say(r, "ended");
      return t;
    }
    Analysis a = understanding.analyze(text, r.vector);
    t.intents = a.intents().stream().map(m -> new Turn.Detected(m.label(), round(m.score()))).toList();
    t.intent = a.intent() == null ? null : new Turn.Detected(a.intent().label(), round(a.intent().score()));
    t.objection = a.objection() == null ? null : new Turn.Detected(a.objection().label(), round(a.objection().score()));
    st.lastIntent = a.intent() == null ? null : a.intent().label();
    st.lastObjection = a.objection() == null ? null : a.objection().label();
    Node node = d.node(st.node);

    if (a.refusal() != null) {
      Rule rule = d.compliance().stream().filter(x -> x.id().equals(a.refusal().label())).findFirst().orElseThrow();
      t.compliance.add("refused:" + rule.id());
      t.path.add("compliance:" + rule.id());
      say(r, rule.say());
      reask(r, node);
      return t;
    }
    if (st.awaitingConsentFor != null) {
      consentAnswer(r, a);
      score(r);
      return t;
    }
    String asked = node != null && "question".equals(node.type()) ? node.slot() : null;
    captureInPassing(r, asked);

    if (is(a.intent(), "human")) {
      Node handoff = d.flow().nodes().values().stream().filter(n -> n.type().equals("handoff")).findFirst().orElse(null);
      if (handoff != null) {
        advance(r, handoff.id());
      } else {
        handoffNow(r, null);
      }
      return t;
    }
    if (is(a.intent(), "goodbye") && (node == null || !"cta".equals(node.type()))) {
      say(r, "goodbye");
      st.status = "ended";
      score(r);
      return t;
    }
    if (node == null) {
      say(r, "fallback");
      return t;
    }
    switch (node.type()) {
      case "question" -> question(r, node, a);
      case "branch" -> branch(r, node, a);
      case "cta" -> cta(r, node, a);
      default -> {
        if (!answerAside(r, a)) {
          say(r, "fallback");
        }
      }
    }
    score(r);
    return t;
  }

  // ---- waiting nodes

  private void question(Run r, Node node, Analysis a) {
    Optional<Captured> c = extract(node.slot(), r.text, true);
    if (c.isPresent() && c.get().confidence() >= 0.8) {
      store(r, node.slot(), c.get());
      score(r);
      advance(r, nextOf(r, node));
      return;
    }
    // an objection or a question is answered first; a weak capture ("it depends") only when it is neither
    if (answerAside(r, a)) {
      reask(r, node);
      return;
    }
    if (c.isPresent()) {
      store(r, node.slot(), c.get());
      score(r);
      advance(r, nextOf(r, node));
      return;
    }
    r.st.retries++;
    if (r.st.retries > MAX_RETRIES) {
      r.turn.path.add("skipped:" + node.id());
      advance(r, nextOf(r, node));
      return;
    }
    r.turn.path.add(node.id());
    say(r, node.reprompt() != null ? node.reprompt() : node.say());
  }

  private void branch(Run r, Node node, Analysis a) {
    score(r);
    for (Definition.Edge e : node.edges()) {
      if (Conditions.holds(e.when(), r.st)) {
        advance(r, e.to());
        return;
      }
    }
    if (node.elseTo() != null) {
      advance(r, node.elseTo());
      return;
    }
    if (!answerAside(r, a)) {
      say(r, "fallback");
    }
    reask(r, node);
  }

  private void cta(Run r, Node node, Analysis a) {
    Boolean yes = YesNo.of(r.text);
    if (Boolean.TRUE.equals(yes) || yes == null && is(a.intent(), "affirm")) {
      r.st.converted = true;
      r.turn.events.add(new Turn.Event(EventTypes.CONVERSION,
          Map.of("type", "cta_taken", "action", node.action(), "url", node.url(), "node", node.id())));
      advance(r, node.next());
      return;
    }
    if (Boolean.FALSE.equals(yes) || yes == null && (is(a.intent(), "deny") || is(a.intent(), "goodbye"))) {
      advance(r, node.elseTo() != null ? node.elseTo() : node.next());
      return;
    }
    if (!answerAside(r, a)) {
      say(r, "fallback");
    }
    reask(r, node);
  }

  /** Objections from the library, questions from the knowledge base: true when it answered. */
  private boolean answerAside(Run r, Analysis a) {
    if (a.objection() != null) {
      Definition.Objection o = d.objections().stream()
          .filter(x -> x.id().equals(a.objection().label())).findFirst().orElseThrow();
      r.turn.path.add("objection:" + o.id());
      String answer = o.answer().getOrDefault(r.lang, o.answer().get(d.language()));
      if (answer == null) {
        answer = o.answer().values().iterator().next();
      }
      sayText(r, answer);
      return true;
    }
    boolean customIntent = a.intent() != null && !DefinitionReader.BUILT_IN_INTENTS.contains(a.intent().label());
    if (customIntent || QUESTION.matcher(r.text.strip()).find()) {
      Optional<Answer> answer = knowledge.answer(r.text, r.vector, r.lang);
      r.turn.path.add("knowledge");
      if (answer.isPresent()) {
        sayText(r, answer.get().text());
        r.turn.sources.addAll(answer.get().sources());
      } else {
        say(r, "no_answer");
      }
      return true;
    }
    return false;
  }

  private void consentAnswer(Run r, Analysis a) {
    ConversationState st = r.st;
    Node pending = d.node(st.awaitingConsentFor);
    Boolean yes = YesNo.of(r.text);
    if (Boolean.TRUE.equals(yes) || yes == null && is(a.intent(), "affirm")) {
      st.consent = true;
      st.awaitingConsentFor = null;
      r.turn.compliance.add("consent:given");
      captureInPassing(r, null);
      advance(r, pending.id());
    } else if (Boolean.FALSE.equals(yes) || yes == null && is(a.intent(), "deny")) {
      st.consent = false;
      st.awaitingConsentFor = null;
      r.turn.compliance.add("consent:declined");
      say(r, "consent_declined");
      r.turn.path.add("skipped:" + pending.id());
      advance(r, nextOf(r, pending));
    } else {
      if (!answerAside(r, a)) {
        r.turn.path.add("consent");
      }
      say(r, consentRule.say());
    }
  }

  // ---- running the flow

  private void advance(Run r, String start) {
    String id = start;
    for (int steps = 0; id != null && steps < MAX_STEPS; steps++) {
      Node n = d.node(id);
      ConversationState st = r.st;
      st.node = id;
      st.retries = 0;
      r.turn.path.add(id);
      switch (n.type()) {
        case "message" -> {
          say(r, variantSay(r, n));
          id = nextOf(r, n);
        }
        case "question" -> {
          if (st.slots.containsKey(n.slot())) {
            id = nextOf(r, n);
          } else if (consentRule.slots().contains(n.slot()) && !Boolean.TRUE.equals(st.consent)) {
            if (Boolean.FALSE.equals(st.consent)) {
              r.turn.path.add("skipped:" + n.id());
              id = nextOf(r, n);
            } else {
              notice(r, "before_contact");
              st.awaitingConsentFor = n.id();
              r.turn.path.add("consent");
              say(r, consentRule.say());
              return;
            }
          } else {
            if (consentRule.slots().contains(n.slot())) {
              notice(r, "before_contact");
            }
            say(r, n.say());
            return;
          }
        }
        case "condition" -> {
          score(r);
          id = nextOf(r, n);
        }
        case "branch" -> {
          if (n.say() != null) {
            say(r, n.say());
          }
          return;
        }
        case "knowledge" -> {
          Optional<Answer> answer = r.text.isBlank() ? Optional.empty() : knowledge.answer(r.text, r.vector, r.lang);
          if (answer.isPresent()) {
            if (n.say() != null) {
              say(r, n.say());
            }
            sayText(r, answer.get().text());
            r.turn.sources.addAll(answer.get().sources());
          } else {
            say(r, n.fallback() != null ? n.fallback() : "no_answer");
          }
          id = nextOf(r, n);
        }
        case "objection" -> {
          if (st.lastObjection != null) {
            d.objections().stream().filter(o -> o.id().equals(st.lastObjection)).findFirst()
                .ifPresent(o -> sayText(r, o.answer().getOrDefault(r.lang, o.answer().get(d.language()))));
          }
          id = nextOf(r, n);
        }
        case "ab_split" -> {
          Variant v = assign(r, n);
          r.turn.path.add(n.experiment() + ":" + v.id());
          id = v.to();
        }
        case "cta" -> {
          r.cta = n;
          say(r, n.say());
          r.turn.cta = new Turn.Cta(n.action(), n.url(), n.action().replace('_', ' '));
          return;
        }
        case "handoff" -> {
          handoffNow(r, n);
          return;
        }
        case "end" -> {
          say(r, n.say());
          st.status = "ended";
          return;
        }
        default -> throw new IllegalStateException("unknown node type " + n.type());
      }
    }
  }

  private void handoffNow(Run r, Node n) {
    say(r, n != null && n.say() != null ? n.say() : "handoff");
    r.st.status = "handed_off";
    r.turn.events.add(new Turn.Event(EventTypes.HANDOFF, Map.of("summary", summary(r.st, r.lang))));
  }

  private void reask(Run r, Node node) {
    if (node == null) {
      return;
    }
    if (r.st.awaitingConsentFor != null) {
      say(r, consentRule.say());
    } else if ("question".equals(node.type())) {
      say(r, node.reprompt() != null ? node.reprompt() : node.say());
    } else if ("cta".equals(node.type())) {
      r.cta = node;
      say(r, node.say());
      r.turn.cta = new Turn.Cta(node.action(), node.url(), node.action().replace('_', ' '));
    } else if ("branch".equals(node.type()) && node.say() != null) {
      say(r, node.say());
    }
  }

  private String nextOf(Run r, Node n) {
    for (Definition.Edge e : n.edges()) {
      if (Conditions.holds(e.when(), r.st)) {
        return e.to();
      }
    }
    return n.elseTo() != null && !n.edges().isEmpty() ? n.elseTo() : n.next() != null ? n.next() : n.elseTo();
  }

  private String variantSay(Run r, Node n) {
    if (n.variants().isEmpty()) {
      return n.say();
    }
    Variant v = assign(r, n);
    r.turn.path.add(n.experiment() + ":" + v.id());
    return v.say();
  }

  /** Deterministic: the same conversation always lands in the same variant. */
  private Variant assign(Run r, Node n) {
    String chosen = r.st.assignments.get(n.experiment());
    if (chosen != null) {
      for (Variant v : n.variants()) {
        if (v.id().equals(chosen)) {
          return v;
        }
      }
    }
    Variant v = Experiments.pick(r.conversationId, n.experiment(), n.variants());
    r.st.assignments.put(n.experiment(), v.id());
    return v;
  }

  private void notice(Run r, String at) {
    for (Rule rule : d.compliance()) {
      if (rule.type().equals("notice") && at.equals(rule.at()) && !r.st.notices.containsKey(rule.id())) {
        r.st.notices.put(rule.id(), true);
        r.turn.compliance.add("notice:" + rule.id());
        say(r, rule.say());
      }
    }
  }

  // ---- slots and score

  private void captureInPassing(Run r, String asked) {
    List<String> names = new ArrayList<>(DefinitionReader.BUILT_IN_SLOTS.keySet());
    d.slots().forEach(s -> names.add(s.name()));
    for (String slot : names) {
      if (slot.equals(asked) || r.st.slots.containsKey(slot)) {
        continue;
      }
      Optional<Captured> c = extract(slot, r.text, false);
      if (c.isEmpty()) {
        continue;
      }
      if (consentRule.slots().contains(slot) && !Boolean.TRUE.equals(r.st.consent)) {
        r.turn.compliance.add("withheld:" + slot);
        continue;
      }
      store(r, slot, c.get());
    }
  }

  private Optional<Captured> extract(String slot, String text, boolean expected) {
    SlotDef def = d.slots().stream().filter(s -> s.name().equals(slot)).findFirst().orElse(null);
    return Slots.extract(slot, Slots.typeOf(slot, def), def, text, expected);
  }

  private void store(Run r, String slot, Captured c) {
    r.st.slots.put(slot, new SlotValue(c.value(), c.display(), round(c.confidence()), c.words()));
    r.turn.captured.put(slot, c.value());
  }

  private void score(Run r) {
    double sum = 0;
    for (Definition.Qualification.Field f : d.qualification().fields()) {
      SlotValue v = r.st.slots.get(f.slot());
      double points = v == null ? 0 : Math.round(f.weight() * v.confidence() * 10) / 10.0;
      r.st.scorecard.put(f.name(), new ConversationState.ScoreField(f.slot(), f.weight(), points));
      sum += points;
    }
    r.st.score = (int) Math.round(Math.min(100, sum));
    if (!r.st.qualified && r.st.score >= d.qualification().threshold()) {
      r.st.qualified = true;
      r.turn.events.add(new Turn.Event(EventTypes.LEAD_QUALIFIED, Map.of("score", Integer.toString(r.st.score))));
    }
  }

  /** A short summary of what the prospect told, for a human. */
  public String summary(ConversationState st, String language) {
    boolean es = "es".equals(language);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, SlotValue> e : st.slots.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(e.getKey().replace('_', ' ')).append(": ").append(e.getValue().display());
    }
    return (es ? "Puntuación " : "Score ") + st.score + (st.qualified ? (es ? " (cualificado)" : " (qualified)") : "")
        + (sb.isEmpty() ? "" : ". " + sb) + (st.lastObjection != null ? (es ? ". Última objeción: " : ". Last objection: ")
        + st.lastObjection : "");
  }

  // ---- texts

  private void say(Run r, String key) {
    if (key == null) {
      return;
    }
    String text = d.text(key, r.lang);
    if (text == null) {
      Map<String, String> def = DEFAULTS.get(key);
      text = def == null ? null : def.getOrDefault(r.lang, def.get("en"));
    }
    if (text != null) {
      sayText(r, text);
    }
  }

  private void sayText(Run r, String raw) {
    if (raw == null || raw.isBlank()) {
      return;
    }
    String text = render(r, raw);
    for (Rewrite w : wording) {
      String replaced = w.pattern().matcher(text).replaceAll(w.replacement());
      if (!replaced.equals(text)) {
        r.turn.compliance.add("reworded:" + w.rule());
        text = replaced;
      }
    }
    for (Rewrite b : blocked) {
      if (b.pattern().matcher(text).find()) {
        r.turn.compliance.add("blocked:" + b.rule());
        String safe = d.text(b.replacement(), r.lang);
        text = safe == null ? "" : render(r, safe);
        break;
      }
    }
    if (!text.isBlank()) {
      r.turn.replies.add(text);
    }
  }

  private String render(Run r, String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = "";
      if (name.equals("agent.name")) {
        value = d.personality().name();
      } else if (name.equals("leadScore")) {
        value = Integer.toString(r.st.score);
      } else if (name.equals("cta.url")) {
        value = r.cta != null ? r.cta.url() : "";
      } else if (name.startsWith("slot.")) {
        SlotValue v = r.st.slots.get(name.substring(5));
        value = v == null ? "" : v.display();
      } else if (name.startsWith("var.")) {
        value = r.st.vars.getOrDefault(name.substring(4), "");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString().replaceAll("\\s+([,.!?])", "$1").replaceAll(" {2,}", " ").strip();
  }

  private String lang(String requested) {
    return requested != null && d.languages().contains(requested) ? requested : d.language();
  }

  private static boolean is(Match m, String label) {
    return m != null && m.label().equals(label);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  /** One turn's working set. */
  private static final class Run {
    final String conversationId;
    final String lang;
    final ConversationState st;
    final Turn turn;
    final String text;
    final float[] vector;
    Node cta;

    Run(String conversationId, String lang, ConversationState st, Turn turn, String text, float[] vector) {
      this.conversationId = conversationId;
      this.lang = lang;
      this.st = st;
      this.turn = turn;
      this.text = text;
      this.vector = vector;
    }
  }
}
