package com.ngx.agent.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ngx.agent.internal.model.Definition.Condition;
import com.ngx.agent.internal.model.Definition.Edge;
import com.ngx.agent.internal.model.Definition.Flow;
import com.ngx.agent.internal.model.Definition.Intent;
import com.ngx.agent.internal.model.Definition.Node;
import com.ngx.agent.internal.model.Definition.Objection;
import com.ngx.agent.internal.model.Definition.Personality;
import com.ngx.agent.internal.model.Definition.Qualification;
import com.ngx.agent.internal.model.Definition.Rule;
import com.ngx.agent.internal.model.Definition.Settings;
import com.ngx.agent.internal.model.Definition.SlotDef;
import com.ngx.agent.internal.model.Definition.Term;
import com.ngx.agent.internal.model.Definition.Variant;
import com.ngx.rest.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an agent definition (the JSON of {@code docs/agent-definition.md}, texts per language) and
 * validates it completely: every problem is reported with its place, e.g. {@code
 * flow.nodes[ask_need].slot}, and nothing is returned unless all is well.
 */
public final class DefinitionReader {

  /** The languages the engine understands and answers in. */
  public static final Set<String> LANGUAGES = Set.of("en", "es");

  /** Slots every agent has, with their types. */
  public static final Map<String, String> BUILT_IN_SLOTS =
      Map.of(
          "name", "name", "email", "email", "phone", "phone", "company", "company",
          "company_size", "number", "budget", "money", "timeline", "timeline", "role", "role");

  /** Intents every agent has. */
  public static final Set<String> BUILT_IN_INTENTS = Set.of("affirm", "deny", "human", "goodbye");

  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  static final Set<String> NODE_TYPES =
      Set.of("message", "question", "branch", "condition", "knowledge", "objection", "ab_split", "cta", "handoff", "end");
  static final Set<String> SLOT_TYPES = Set.of("text", "number", "enum", "pattern", "money", "date");
  static final Set<String> OPS = Set.of("exists", "missing", "eq", "ne", "gt", "gte", "lt", "lte", "in", "contains");
  static final Set<String> CTA_ACTIONS = Set.of("book_call", "start_trial", "buy_link");
  static final Set<String> RULE_TYPES = Set.of("consent", "notice", "refuse", "wording", "forbid_output");
  static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*}}");
  static final int MAX_INTENTS = 1000;
  static final int MAX_EXAMPLES = 100;
  static final int MAX_TEXT = 2000;
  static final int MAX_NODES = 500;

  private final Validator v;

  private DefinitionReader(Validator v) {
    this.v = v;
  }

  /** Reads and validates; throws a 400 naming every problem. */
  public static Definition read(JsonNode json) {
    Validator v = new Validator();
    Definition d = read(json, v);
    v.throwIfInvalid();
    return d;
  }

  /** Reads, reporting problems to {@code v}; the result is only meaningful when {@code v} stays valid. */
  public static Definition read(JsonNode json, Validator v) {
    if (json == null || !json.isObject()) {
      v.error("definition", "must be a JSON object");
      return null;
    }
    return new DefinitionReader(v).definition(json);
  }

  private Definition definition(JsonNode j) {
    String language = text(j, "language", "language", 8);
    if (language != null && !LANGUAGES.contains(language)) {
      v.error("language", "must be one of " + sorted(LANGUAGES));
    }
    List<String> languages = new ArrayList<>();
    if (language != null) {
      languages.add(language);
    }
    for (JsonNode l : array(j, "languages")) {
      if (!LANGUAGES.contains(l.asText())) {
        v.error("languages", "must be among " + sorted(LANGUAGES));
      } else if (!languages.contains(l.asText())) {
        languages.add(l.asText());
      }
    }
    JsonNode p = j.path("personality");
    Personality personality =
        new Personality(
            text(p, "name", "personality.name", 60),
            optText(p, "tone", "personality.tone", 40, "friendly"),
            optText(p, "persona", "personality.persona", MAX_TEXT, ""));
    Map<String, Map<String, String>> responses = responses(j.path("responses"));
    List<Intent> intents = intents(j.path("intents"));
    List<SlotDef> slots = slots(j.path("slots"));
    Set<String> slotNames = new HashSet<>(BUILT_IN_SLOTS.keySet());
    slots.forEach(s -> slotNames.add(s.name()));
    Qualification qualification = qualification(j.path("qualification"), slotNames);
    List<Objection> objections = objections(j.path("objections"));
    List<Rule> compliance = compliance(j.path("compliance"), responses, slotNames);
    Flow flow = flow(j.path("flow"), responses, slotNames);
    Settings settings = settings(j.path("settings"));
    JsonNode extras = JsonNodeFactory.instance.objectNode()
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("playbook", j.path("playbook").isMissingNode() ? null : j.get("playbook"))
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("roi", j.get("roi"))
        .set("metrics", j.get("metrics"));
    if (j.has("roi") && !j.get("roi").isNull()) {
      RoiModel.validate(j.get("roi"), v);
    }
    checkVariables(responses, slotNames);
    return new Definition(
        language, List.copyOf(languages), personality, responses, intents, slots, qualification, flow,
        objections, compliance, settings, extras);
  }

  private Map<String, Map<String, String>> responses(JsonNode r) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (r.isMissingNode() || r.isNull()) {
      return out;
    }
    if (!r.isObject()) {
      v.error("responses", "must be an object of response key → {language: text}");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "responses." + e.getKey();
      if (!ID.matcher(e.getKey()).matches()) {
        v.error(path, "response keys are 1–40 of [a-z0-9_-], starting with a letter");
        continue;
      }
      Map<String, String> byLang = perLanguage(e.getValue(), path);
      if (byLang.isEmpty()) {
        v.error(path, "needs a text in at least one language");
      }
      out.put(e.getKey(), byLang);
    }
    return out;
  }

  /** {"en": "...", "es": "..."} (or a bare string, taken as every language's text is not allowed). */
  private Map<String, String> perLanguage(JsonNode node, String path) {
    Map<String, String> byLang = new LinkedHashMap<>();
    if (!node.isObject()) {
      v.error(path, "must be an object of language → text, e.g. {\"en\": \"…\", \"es\": \"…\"}");
      return byLang;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!LANGUAGES.contains(e.getKey())) {
        v.error(path + "." + e.getKey(), "unsupported language; use one of " + sorted(LANGUAGES));
      } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        v.error(path + "." + e.getKey(), "must be a non-blank text");
      } else if (e.getValue().asText().length() > MAX_TEXT) {
        v.error(path + "." + e.getKey(), "must be at most " + MAX_TEXT + " characters");
      } else {
        byLang.put(e.getKey(), e.getValue().asText());
      }
    }
    return byLang;
  }

  private List<Intent> intents(JsonNode a) {
    List<Intent> out = new ArrayList<>();
    if (!optArray(a, "intents")) {
      return out;
    }
    if (a.size() > MAX_INTENTS) {
      v.error("intents", "at most " + MAX_INTENTS + " intents");
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      String path = "intents[" + i + "]";
      String name = id(n, "name", path + ".name");
      if (name != null && BUILT_IN_INTENTS.contains(name)) {
        v.error(path + ".name", "'" + name + "' is built in; choose another name");
      } else if (name != null && !seen.add(name)) {
        v.error(path + ".name", "duplicate intent '" + name + "'");
      }
      List<String> examples = phrases(n.path("examples"), path + ".examples", 1, MAX_EXAMPLES, 300);
      out.add(new Intent(name, examples));
    }
    return out;
  }

  /** Intents as given to {@code PUT /agents/{id}/intents}: validated the same way. */
  public static List<Intent> readIntents(JsonNode a) {
    Validator v = new Validator();
    if (a == null || !a.isArray()) {
      v.error("intents", "must be an array of {\"name\", \"examples\": [...]}");
      v.throwIfInvalid();
    }
    List<Intent> out = new DefinitionReader(v).intents(a);
    v.throwIfInvalid();
    return out;
  }

  private List<SlotDef> slots(JsonNode a) {
    List<SlotDef> out = new ArrayList<>();
    if (!optArray(a, "slots")) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      String path = "slots[" + i + "]";
      String name = id(n, "name", path + ".name");
      if (name != null && BUILT_IN_SLOTS.containsKey(name)) {
        v.error(path + ".name", "'" + name + "' is built in; choose another name");
      } else if (name != null && !seen.add(name)) {
        v.error(path + ".name", "duplicate slot '" + name + "'");
      }
      String type = text(n, "type", path + ".type", 20);
      if (type != null && !SLOT_TYPES.contains(type)) {
        v.error(path + ".type", "must be one of " + sorted(SLOT_TYPES));
      }
      Map<String, List<String>> values = new LinkedHashMap<>();
      if ("enum".equals(type)) {
        JsonNode vals = n.path("values");
        if (!vals.isObject() || vals.size() == 0) {
          v.error(path + ".values", "an enum slot needs values: canonical value → synonyms");
        } else {
          for (Iterator<Map.Entry<String, JsonNode>> it = vals.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!ID.matcher(e.getKey()).matches()) {
              v.error(path + ".values." + e.getKey(), "canonical values are 1–40 of [a-z0-9_-]");
            }
            values.put(e.getKey(), phrases(e.getValue(), path + ".values." + e.getKey(), 0, 200, 100));
          }
        }
      }
      String pattern = n.hasNonNull("pattern") ? n.get("pattern").asText() : null;
      if ("pattern".equals(type)) {
        if (pattern == null) {
          v.error(path + ".pattern", "a pattern slot needs a regular expression");
        } else {
          try {
            Pattern.compile(pattern);
          } catch (PatternSyntaxException e) {
            v.error(path + ".pattern", "is not a valid regular expression: " + e.getDescription());
          }
        }
      }
      out.add(new SlotDef(name, type, values, pattern, decimal(n, "min", path), decimal(n, "max", path)));
    }
    return out;
  }

  private Qualification qualification(JsonNode q, Set<String> slotNames) {
    if (q.isMissingNode() || q.isNull()) {
      return defaultQualification();
    }
    int threshold = q.path("threshold").asInt(60);
    if (!q.path("threshold").isMissingNode() && (!q.get("threshold").isInt() || threshold < 0 || threshold > 100)) {
      v.error("qualification.threshold", "must be a whole number from 0 to 100");
    }
    List<Qualification.Field> fields = new ArrayList<>();
    int sum = 0;
    JsonNode a = q.path("fields");
    if (!a.isArray() || a.size() == 0) {
      v.error("qualification.fields", "needs at least one field {\"name\", \"slot\", \"weight\"}");
      return new Qualification(threshold, fields);
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode f = a.get(i);
      String path = "qualification.fields[" + i + "]";
      String name = id(f, "name", path + ".name");
      String slot = text(f, "slot", path + ".slot", 40);
      if (slot != null && !slotNames.contains(slot)) {
        v.error(path + ".slot", "unknown slot '" + slot + "'");
      }
      int weight = f.path("weight").asInt(-1);
      if (!f.path("weight").isInt() || weight < 0 || weight > 100) {
        v.error(path + ".weight", "must be a whole number from 0 to 100");
      }
      sum += Math.max(weight, 0);
      fields.add(new Qualification.Field(name, slot, weight));
    }
    if (sum != 100 && !v.hasError("qualification.fields")) {
      v.error("qualification.fields", "weights must add up to 100 (they add up to " + sum + ")");
    }
    return new Qualification(threshold, fields);
  }

  /** BANT on the built-in slots. */
  public static Qualification defaultQualification() {
    return new Qualification(
        60,
        List.of(
            new Qualification.Field("budget", "budget", 25),
            new Qualification.Field("authority", "role", 15),
            new Qualification.Field("need", "company_size", 35),
            new Qualification.Field("timeline", "timeline", 25)));
  }

  private List<Objection> objections(JsonNode a) {
    List<Objection> out = new ArrayList<>();
    if (!optArray(a, "objections")) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      String path = "objections[" + i + "]";
      String id = id(n, "id", path + ".id");
      if (id != null && !seen.add(id)) {
        v.error(path + ".id", "duplicate objection '" + id + "'");
      }
      String name = optText(n, "name", path + ".name", 120, id);
      List<String> examples = phrases(n.path("examples"), path + ".examples", 1, MAX_EXAMPLES, 300);
      Map<String, String> answer = perLanguage(n.path("answer"), path + ".answer");
      if (answer.isEmpty() && !v.hasError(path + ".answer")) {
        v.error(path + ".answer", "needs an answer in at least one language");
      }
      out.add(new Objection(id, name, examples, answer));
    }
    return out;
  }

  private List<Rule> compliance(JsonNode a, Map<String, Map<String, String>> responses, Set<String> slotNames) {
    List<Rule> out = new ArrayList<>();
    if (!optArray(a, "compliance")) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      String path = "compliance[" + i + "]";
      String id = id(n, "id", path + ".id");
      if (id != null && !seen.add(id)) {
        v.error(path + ".id", "duplicate rule '" + id + "'");
      }
      String type = text(n, "type", path + ".type", 20);
      if (type != null && !RULE_TYPES.contains(type)) {
        v.error(path + ".type", "must be one of " + sorted(RULE_TYPES));
        continue;
      }
      String say = n.hasNonNull("say") ? n.get("say").asText() : null;
      if (type != null && !"wording".equals(type)) {
        responseRef(say, path + ".say", responses, true);
      }
      String at = n.hasNonNull("at") ? n.get("at").asText() : null;
      if ("notice".equals(type) && !"start".equals(at) && !"before_contact".equals(at)) {
        v.error(path + ".at", "must be start or before_contact");
      }
      List<String> examples = n.has("examples") ? phrases(n.get("examples"), path + ".examples", 0, 200, 300) : List.of();
      List<String> keywords = n.has("keywords") ? phrases(n.get("keywords"), path + ".keywords", 0, 200, 60) : List.of();
      if ("refuse".equals(type) && examples.isEmpty() && keywords.isEmpty()) {
        v.error(path + ".examples", "a refuse rule needs examples or keywords");
      }
      List<Term> terms = new ArrayList<>();
      if ("wording".equals(type)) {
        JsonNode t = n.path("terms");
        if (!t.isArray() || t.size() == 0) {
          v.error(path + ".terms", "a wording rule needs terms [{\"avoid\", \"use\"}]");
        } else {
          for (int k = 0; k < t.size(); k++) {
            String avoid = text(t.get(k), "avoid", path + ".terms[" + k + "].avoid", 100);
            String use = t.get(k).path("use").asText("");
            terms.add(new Term(avoid, use));
          }
        }
      }
      List<String> patterns = new ArrayList<>();
      if ("forbid_output".equals(type)) {
        JsonNode ps = n.path("patterns");
        if (!ps.isArray() || ps.size() == 0) {
          v.error(path + ".patterns", "a forbid_output rule needs regular expressions");
        } else {
          for (int k = 0; k < ps.size(); k++) {
            try {
              Pattern.compile(ps.get(k).asText());
              patterns.add(ps.get(k).asText());
            } catch (PatternSyntaxException e) {
              v.error(path + ".patterns[" + k + "]", "is not a valid regular expression: " + e.getDescription());
            }
          }
        }
      }
      List<String> slots = new ArrayList<>();
      if (n.has("slots")) {
        for (JsonNode s : n.get("slots")) {
          if (!slotNames.contains(s.asText())) {
            v.error(path + ".slots", "unknown slot '" + s.asText() + "'");
          }
          slots.add(s.asText());
        }
      } else if ("consent".equals(type)) {
        slots.addAll(List.of("name", "email", "phone"));
      }
      out.add(new Rule(id, type, say, at, examples, keywords, terms, patterns, slots));
    }
    return out;
  }

  private Flow flow(JsonNode f, Map<String, Map<String, String>> responses, Set<String> slotNames) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    if (!f.isObject()) {
      v.error("flow", "is required: {\"start\", \"nodes\": [...]}");
      return new Flow(null, nodes);
    }
    JsonNode a = f.path("nodes");
    if (!a.isArray() || a.size() == 0) {
      v.error("flow.nodes", "needs at least one node");
      return new Flow(null, nodes);
    }
    if (a.size() > MAX_NODES) {
      v.error("flow.nodes", "at most " + MAX_NODES + " nodes");
      return new Flow(null, nodes);
    }
    List<JsonNode> raw = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      String id = n.path("id").asText(null);
      if (id == null || !ID.matcher(id).matches()) {
        v.error("flow.nodes[" + i + "].id", "node ids are 1–40 of [a-z0-9_-], starting with a letter");
        continue;
      }
      if (nodes.containsKey(id)) {
        v.error("flow.nodes[" + id + "].id", "duplicate node id");
        continue;
      }
      nodes.put(id, null);
      raw.add(n);
    }
    for (JsonNode n : raw) {
      Node node = node(n, nodes.keySet(), responses, slotNames);
      nodes.put(node.id(), node);
    }
    String start = f.path("start").asText(null);
    if (start == null) {
      v.error("flow.start", "is required: the id of the first node");
    } else if (!nodes.containsKey(start)) {
      v.error("flow.start", "no node '" + start + "'");
    }
    return new Flow(start, nodes);
  }

  private Node node(JsonNode n, Set<String> ids, Map<String, Map<String, String>> responses, Set<String> slotNames) {
    String id = n.get("id").asText();
    String p = "flow.nodes[" + id + "]";
    String type = n.path("type").asText(null);
    if (type == null || !NODE_TYPES.contains(type)) {
      v.error(p + ".type", "must be one of " + sorted(NODE_TYPES));
      type = "message";
    }
    String say = str(n, "say");
    String reprompt = str(n, "reprompt");
    String fallback = str(n, "fallback");
    boolean sayRequired = Set.of("message", "question", "cta", "handoff", "end").contains(type) && !n.has("variants");
    responseRef(say, p + ".say", responses, sayRequired);
    responseRef(reprompt, p + ".reprompt", responses, false);
    responseRef(fallback, p + ".fallback", responses, false);
    String slot = str(n, "slot");
    if ("question".equals(type)) {
      if (slot == null) {
        v.error(p + ".slot", "a question captures a slot");
      } else if (!slotNames.contains(slot)) {
        v.error(p + ".slot", "unknown slot '" + slot + "'");
      }
    }
    String next = str(n, "next");
    nodeRef(next, p + ".next", ids);
    String elseTo = str(n, "else");
    nodeRef(elseTo, p + ".else", ids);
    List<Edge> edges = new ArrayList<>();
    JsonNode e = n.path("edges");
    if (!e.isMissingNode()) {
      if (!e.isArray()) {
        v.error(p + ".edges", "must be an array of {\"when\", \"to\"}");
      } else {
        for (int i = 0; i < e.size(); i++) {
          String ep = p + ".edges[" + i + "]";
          Condition c = condition(e.get(i).path("when"), ep + ".when", slotNames);
          String to = e.get(i).path("to").asText(null);
          if (to == null) {
            v.error(ep + ".to", "is required");
          } else {
            nodeRef(to, ep + ".to", ids);
          }
          edges.add(new Edge(c, to));
        }
      }
    }
    boolean terminal = "end".equals(type) || "handoff".equals(type) || "ab_split".equals(type);
    if (!terminal && next == null && edges.isEmpty() && elseTo == null) {
      v.error(p + ".next", "a " + type + " node must continue: give next, or edges and else");
    }
    if ("condition".equals(type) && (edges.isEmpty() || elseTo == null)) {
      v.error(p + ".edges", "a condition needs edges and an else");
    }
    if ("branch".equals(type) && edges.isEmpty()) {
      v.error(p + ".edges", "a branch needs edges");
    }
    String experiment = str(n, "experiment");
    List<Variant> variants = new ArrayList<>();
    if ("ab_split".equals(type) || n.has("variants")) {
      if (experiment == null || !ID.matcher(experiment).matches()) {
        v.error(p + ".experiment", "an A/B split names its experiment: 1–40 of [a-z0-9_-]");
      }
      JsonNode va = n.path("variants");
      if (!va.isArray() || va.size() < 2) {
        v.error(p + ".variants", "needs at least two variants");
      } else {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < va.size(); i++) {
          JsonNode x = va.get(i);
          String vp = p + ".variants[" + i + "]";
          String vid = id(x, "id", vp + ".id");
          if (vid != null && !seen.add(vid)) {
            v.error(vp + ".id", "duplicate variant");
          }
          int weight = x.path("weight").asInt(-1);
          if (!x.path("weight").isInt() || weight < 1 || weight > 10_000) {
            v.error(vp + ".weight", "must be a whole number from 1 to 10000");
          }
          String vsay = str(x, "say");
          String to = str(x, "to");
          if ("ab_split".equals(type)) {
            if (to == null) {
              v.error(vp + ".to", "is required");
            } else {
              nodeRef(to, vp + ".to", ids);
            }
          } else {
            responseRef(vsay, vp + ".say", responses, true);
          }
          variants.add(new Variant(vid, weight, vsay, to));
        }
      }
    }
    String action = str(n, "action");
    String url = str(n, "url");
    if ("cta".equals(type)) {
      if (action == null || !CTA_ACTIONS.contains(action)) {
        v.error(p + ".action", "must be one of " + sorted(CTA_ACTIONS));
      }
      if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2000) {
        v.error(p + ".url", "must be an http(s) URL");
      }
    }
    return new Node(id, type, say, reprompt, fallback, slot, next, List.copyOf(edges), elseTo, experiment,
        List.copyOf(variants), action, url);
  }

  private Condition condition(JsonNode c, String path, Set<String> slotNames) {
    if (!c.isObject()) {
      v.error(path, "must be a condition object");
      return new Definition.All(List.of());
    }
    if (c.has("all") || c.has("any")) {
      String key = c.has("all") ? "all" : "any";
      JsonNode a = c.get(key);
      if (!a.isArray() || a.size() == 0) {
        v.error(path + "." + key, "must be a non-empty array of conditions");
        return new Definition.All(List.of());
      }
      List<Condition> parts = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        parts.add(condition(a.get(i), path + "." + key + "[" + i + "]", slotNames));
      }
      return key.equals("all") ? new Definition.All(parts) : new Definition.Any(parts);
    }
    if (c.has("not")) {
      return new Definition.Not(condition(c.get("not"), path + ".not", slotNames));
    }
    String field = c.path("field").asText(null);
    if (field == null) {
      v.error(path + ".field", "is required (slot.<name>, var.<name>, intent, objection, leadScore, consent)");
    } else if (field.startsWith("slot.")) {
      if (!slotNames.contains(field.substring(5))) {
        v.error(path + ".field", "unknown slot '" + field.substring(5) + "'");
      }
    } else if (field.startsWith("var.")) {
      if (!ID.matcher(field.substring(4)).matches()) {
        v.error(path + ".field", "variable names are 1–40 of [a-z0-9_-]");
      }
    } else if (!Set.of("intent", "objection", "leadScore", "consent").contains(field)) {
      v.error(path + ".field", "must be slot.<name>, var.<name>, intent, objection, leadScore or consent");
    }
    String op = c.path("op").asText(null);
    if (op == null || !OPS.contains(op)) {
      v.error(path + ".op", "must be one of " + sorted(OPS));
    } else if (!op.equals("exists") && !op.equals("missing") && !c.has("value")) {
      v.error(path + ".value", "is required for " + op);
    } else if (op.equals("in") && !c.path("value").isArray()) {
      v.error(path + ".value", "must be a list for in");
    } else if (Set.of("gt", "gte", "lt", "lte").contains(op) && !c.path("value").isNumber()) {
      v.error(path + ".value", "must be a number for " + op);
    }
    return new Definition.Compare(field, op, c.get("value"));
  }

  private Settings settings(JsonNode s) {
    if (s.isMissingNode() || s.isNull()) {
      return Settings.DEFAULTS;
    }
    double intent = s.path("intentThreshold").asDouble(Settings.DEFAULTS.intentThreshold());
    double objection = s.path("objectionThreshold").asDouble(Settings.DEFAULTS.objectionThreshold());
    if (intent < 0 || intent > 1) {
      v.error("settings.intentThreshold", "must be between 0 and 1");
    }
    if (objection < 0 || objection > 1) {
      v.error("settings.objectionThreshold", "must be between 0 and 1");
    }
    String llm = s.hasNonNull("languageModel") ? s.get("languageModel").asText() : null;
    return new Settings(intent, objection, llm);
  }

  private void checkVariables(Map<String, Map<String, String>> responses, Set<String> slotNames) {
    for (Map.Entry<String, Map<String, String>> r : responses.entrySet()) {
      for (Map.Entry<String, String> t : r.getValue().entrySet()) {
        Matcher m = VARIABLE.matcher(t.getValue());
        while (m.find()) {
          String name = m.group(1);
          boolean ok =
              name.equals("agent.name") || name.equals("leadScore") || name.equals("cta.url") || name.startsWith("var.")
                  || (name.startsWith("slot.") && slotNames.contains(name.substring(5)));
          if (!ok) {
            v.error("responses." + r.getKey() + "." + t.getKey(), "unknown variable {{" + name + "}}");
          }
        }
      }
    }
  }

  // ---- small readers

  private void responseRef(String key, String path, Map<String, Map<String, String>> responses, boolean required) {
    if (key == null) {
      if (required) {
        v.error(path, "is required: a response key");
      }
    } else if (!responses.containsKey(key)) {
      v.error(path, "no response '" + key + "'");
    }
  }

  private void nodeRef(String id, String path, Set<String> ids) {
    if (id != null && !ids.contains(id)) {
      v.error(path, "no node '" + id + "'");
    }
  }

  private boolean optArray(JsonNode a, String path) {
    if (a.isMissingNode() || a.isNull()) {
      return false;
    }
    if (!a.isArray()) {
      v.error(path, "must be an array");
      return false;
    }
    return true;
  }

  private List<String> phrases(JsonNode a, String path, int min, int max, int maxLength) {
    List<String> out = new ArrayList<>();
    if (!a.isArray()) {
      v.error(path, "must be an array of texts");
      return out;
    }
    if (a.size() < min || a.size() > max) {
      v.error(path, "needs " + min + "–" + max + " entries (has " + a.size() + ")");
    }
    for (int i = 0; i < a.size(); i++) {
      String t = a.get(i).asText("");
      if (!a.get(i).isTextual() || t.isBlank() || t.length() > maxLength) {
        v.error(path + "[" + i + "]", "must be a non-blank text of at most " + maxLength + " characters");
      } else {
        out.add(t.strip());
      }
    }
    return out;
  }

  private String id(JsonNode n, String field, String path) {
    String s = n.path(field).asText(null);
    if (s == null || !n.get(field).isTextual()) {
      v.error(path, "is required");
      return null;
    }
    if (!ID.matcher(s).matches()) {
      v.error(path, "must be 1–40 of [a-z0-9_-], starting with a letter");
    }
    return s;
  }

  private String text(JsonNode n, String field, String path, int max) {
    JsonNode t = n.path(field);
    if (!t.isTextual() || t.asText().isBlank()) {
      v.error(path, "is required");
      return null;
    }
    if (t.asText().length() > max) {
      v.error(path, "must be at most " + max + " characters");
    }
    return t.asText().strip();
  }

  private String optText(JsonNode n, String field, String path, int max, String def) {
    JsonNode t = n.path(field);
    if (t.isMissingNode() || t.isNull()) {
      return def;
    }
    if (!t.isTextual() || t.asText().length() > max) {
      v.error(path, "must be a text of at most " + max + " characters");
      return def;
    }
    return t.asText();
  }

  private BigDecimal decimal(JsonNode n, String field, String path) {
    if (!n.has(field) || n.get(field).isNull()) {
      return null;
    }
    if (!n.get(field).isNumber()) {
      v.error(path + "." + field, "must be a number");
      return null;
    }
    return n.get(field).decimalValue();
  }

  private static String str(JsonNode n, String field) {
    JsonNode t = n.get(field);
    return t == null || t.isNull() ? null : t.asText();
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode a = n.path(field);
    return a.isArray() ? a : List.of();
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
