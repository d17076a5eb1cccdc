package com.ngx.agent.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a vertical template's documents (one per language, same structure) into one agent
 * definition: texts become per-language maps, examples and synonyms are united, knowledge
 * documents keep their language. The structure (flow, scorecard, ROI formulas) comes from the
 * document in the agent's language.
 */
public final class TemplateMerger {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** A starting knowledge document of the template. */
  public record Seed(String title, String language, String text) {}

  /** The merged definition and the knowledge documents to create with the agent. */
  public record Merged(ObjectNode definition, List<Seed> knowledge) {}

  private TemplateMerger() {}

  /**
   * Merges.
   *
   * @param docs language → template document
   * @param language the agent's language (must be a key of docs)
   */
  public static Merged merge(Map<String, JsonNode> docs, String language) {
    JsonNode base = docs.get(language);
    ObjectNode d = F.objectNode();
    d.put("language", language);
    ArrayNode langs = d.putArray("languages");
    langs.add(language);
    docs.keySet().stream().filter(l -> !l.equals(language)).sorted().forEach(langs::add);
    d.set("personality", base.path("personality").deepCopy());

    ObjectNode responses = d.putObject("responses");
    forEachDoc(docs, language, (lang, doc) -> {
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("responses").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (base.path("responses").has(e.getKey())) {
          ((ObjectNode) responses.with(e.getKey())).put(lang, e.getValue().asText());
        }
      }
    });

    d.set("intents", unite(docs, language, "intents", "name", "examples"));
    d.set("objections", unite(docs, language, "objections", "id", "examples"));
    for (JsonNode o : d.get("objections")) {
      ObjectNode answer = F.objectNode();
      forEachDoc(docs, language, (lang, doc) -> {
        for (JsonNode x : doc.path("objections")) {
          if (x.path("id").asText().equals(o.path("id").asText()) && x.hasNonNull("answer")) {
            answer.put(lang, x.get("answer").asText());
          }
        }
      });
      ((ObjectNode) o).set("answer", answer);
    }
    ArrayNode slots = base.path("slots").isArray() ? ((ArrayNode) base.get("slots")).deepCopy() : F.arrayNode();
    for (JsonNode s : slots) {
      if (s.path("values").isObject()) {
        ObjectNode values = (ObjectNode) s.get("values");
        for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
          String canonical = it.next();
          Set<String> synonyms = new LinkedHashSet<>();
          forEachDoc(docs, language, (lang, doc) -> {
            for (JsonNode x : doc.path("slots")) {
              if (x.path("name").asText().equals(s.path("name").asText())) {
                x.path("values").path(canonical).forEach(y -> synonyms.add(y.asText()));
              }
            }
          });
          ArrayNode merged = F.arrayNode();
          synonyms.forEach(merged::add);
          values.set(canonical, merged);
        }
      }
    }
    d.set("slots", slots);
    if (base.has("qualification")) {
      d.set("qualification", base.get("qualification").deepCopy());
    }
    d.set("flow", base.path("flow").deepCopy());

    ArrayNode compliance = F.arrayNode();
    for (JsonNode r : base.path("compliance")) {
      ObjectNode rule = r.deepCopy();
      for (String list : List.of("examples", "keywords", "patterns", "terms")) {
        if (!r.has(list)) {
          continue;
        }
        Set<JsonNode> all = new LinkedHashSet<>();
        forEachDoc(docs, language, (lang, doc) -> {
          for (JsonNode x : doc.path("compliance")) {
            if (x.path("id").asText().equals(r.path("id").asText())) {
              x.path(list).forEach(all::add);
            }
          }
        });
        ArrayNode merged = F.arrayNode();
        all.forEach(merged::add);
        rule.set(list, merged);
      }
      compliance.add(rule);
    }
    d.set("compliance", compliance);
    if (base.has("roi")) {
      d.set("roi", base.get("roi").deepCopy());
    }
    ObjectNode playbook = F.objectNode();
    ObjectNode metrics = F.objectNode();
    ObjectNode roiText = F.objectNode();
    forEachDoc(docs, language, (lang, doc) -> {
      if (doc.has("playbook")) {
        playbook.set(lang, doc.get("playbook"));
      }
      if (doc.has("metrics")) {
        metrics.set(lang, doc.get("metrics"));
      }
      if (doc.has("roi")) {
        roiText.set(lang, doc.get("roi"));
      }
    });
    d.set("playbook", playbook);
    d.set("metrics", metrics);

    List<Seed> seeds = new ArrayList<>();
    forEachDoc(docs, language, (lang, doc) -> {
      for (JsonNode k : doc.path("knowledge")) {
        seeds.add(new Seed(k.path("title").asText("Document"), lang, k.path("text").asText("")));
      }
    });
    return new Merged(d, seeds);
  }

  private static ArrayNode unite(Map<String, JsonNode> docs, String language, String list, String key, String examples) {
    Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    Map<String, Set<String>> phrases = new LinkedHashMap<>();
    forEachDoc(docs, language, (lang, doc) -> {
      for (JsonNode x : doc.path(list)) {
        String k = x.path(key).asText();
        if (lang.equals(language)) {
          byKey.put(k, ((ObjectNode) x).deepCopy());
        }
        x.path(examples).forEach(e -> phrases.computeIfAbsent(k, z -> new LinkedHashSet<>()).add(e.asText()));
      }
    });
    ArrayNode out = F.arrayNode();
    for (Map.Entry<String, ObjectNode> e : byKey.entrySet()) {
      ArrayNode ex = F.arrayNode();
      // at most the reader's limit per entry, the agent's language first
      phrases.getOrDefault(e.getKey(), Set.of()).stream().limit(DefinitionReader.MAX_EXAMPLES).forEach(ex::add);
      e.getValue().set(examples, ex);
      out.add(e.getValue());
    }
    return out;
  }

  private interface DocVisitor {
    void visit(String lang, JsonNode doc);
  }

  /** The agent's language first, then the others in order. */
  private static void forEachDoc(Map<String, JsonNode> docs, String language, DocVisitor visitor) {
    visitor.visit(language, docs.get(language));
    docs.keySet().stream().filter(l -> !l.equals(language)).sorted().forEach(l -> visitor.visit(l, docs.get(l)));
  }
}
