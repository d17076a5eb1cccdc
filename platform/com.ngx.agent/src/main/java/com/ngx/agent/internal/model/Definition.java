package com.ngx.agent.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One agent version, parsed and validated: what the engine runs. Immutable. Texts are per
 * language ({@code key → language → text}); see {@code docs/agent-definition.md}.
 *
 * @param language the agent's default language
 * @param languages every language the agent speaks (the default first)
 * @param extras playbook, ROI model and metrics as given (informational)
 */
public record Definition(
    String language,
    List<String> languages,
    Personality personality,
    Map<String, Map<String, String>> responses,
    List<Intent> intents,
    List<SlotDef> slots,
    Qualification qualification,
    Flow flow,
    List<Objection> objections,
    List<Rule> compliance,
    Settings settings,
    JsonNode extras) {

  /** The agent's personality. */
  public record Personality(String name, String tone, String persona) {}

  /** A custom intent and its example phrases. */
  public record Intent(String name, List<String> examples) {}

  /**
   * A custom slot.
   *
   * @param type text, number, enum, pattern, money or date
   * @param values for enums: canonical value → synonyms
   */
  public record SlotDef(
      String name, String type, Map<String, List<String>> values, String pattern, BigDecimal min, BigDecimal max) {}

  /** The lead scorecard: weighted fields and the score at which a lead is qualified. */
  public record Qualification(int threshold, List<Field> fields) {
    /** One scorecard field, filled from a slot. */
    public record Field(String name, String slot, int weight) {}
  }

  /** The flow: its start node and its nodes by id, in document order. */
  public record Flow(String start, Map<String, Node> nodes) {}

  /**
   * A flow node; which fields are set depends on the type.
   *
   * @param elseTo the node to continue with when no edge matches (JSON {@code else})
   */
  public record Node(
      String id,
      String type,
      String say,
      String reprompt,
      String fallback,
      String slot,
      String next,
      List<Edge> edges,
      String elseTo,
      String experiment,
      List<Variant> variants,
      String action,
      String url) {}

  /** A conditional edge. */
  public record Edge(Condition when, String to) {}

  /** A variant of an A/B split (to) or of a message (say). */
  public record Variant(String id, int weight, String say, String to) {}

  /** A condition over the conversation's state. */
  public sealed interface Condition permits Compare, All, Any, Not {}

  /** {@code field op value}. */
  public record Compare(String field, String op, JsonNode value) implements Condition {}

  /** Every one holds. */
  public record All(List<Condition> all) implements Condition {}

  /** At least one holds. */
  public record Any(List<Condition> any) implements Condition {}

  /** The negation. */
  public record Not(Condition not) implements Condition {}

  /** An objection of the library and its answer per language. */
  public record Objection(String id, String name, List<String> examples, Map<String, String> answer) {}

  /** A compliance rule (see the reference for which fields each type uses). */
  public record Rule(
      String id,
      String type,
      String say,
      String at,
      List<String> examples,
      List<String> keywords,
      List<Term> terms,
      List<String> patterns,
      List<String> slots) {}

  /** A wording replacement. */
  public record Term(String avoid, String use) {}

  /**
   * Tunable behaviour.
   *
   * @param intentThreshold the score below which a message is out of scope for the intents
   * @param objectionThreshold the score from which a message counts as an objection
   * @param languageModel the plugin id of a language model to phrase knowledge answers, or null
   */
  public record Settings(double intentThreshold, double objectionThreshold, String languageModel) {
    public static final Settings DEFAULTS = new Settings(0.30, 0.30, null);
  }

  /** The node with that id, or null. */
  public Node node(String id) {
    return id == null ? null : flow.nodes().get(id);
  }

  /** The text of a response in a language, falling back to the default language, or null. */
  public String text(String key, String lang) {
    Map<String, String> byLang = key == null ? null : responses.get(key);
    if (byLang == null) {
      return null;
    }
    String t = byLang.get(lang);
    return t != null ? t : byLang.get(language);
  }

  /** The rule of a type, or null. */
  public Rule rule(String type) {
    return compliance.stream().filter(r -> r.type().equals(type)).findFirst().orElse(null);
  }
}
