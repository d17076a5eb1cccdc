package com.ngx.itests.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.RealEmbedder;
import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.model.TemplateMerger;
import com.ngx.agent.internal.nlu.Understanding;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The measured quality of offline understanding: every line of the labelled set in
 * {@code src/test/resources/nlu/<vertical>.tsv} (prospect utterances in English and Spanish,
 * written apart from the templates' training examples) is classified by the engine's real
 * understanding — the real embedding model, the vertical's real template as an agent in the
 * line's language — as an objection, an intent, or out of scope. Fails below 90% accuracy; the
 * report goes to stdout and {@code target/nlu-quality.txt}.
 */
class NluQualityTest {
  static final List<String> VERTICALS =
      List.of(System.getProperty("ngx.nlu.verticals", "fitness,professional,saas,realestate,healthcare").split(","));
  static final double REQUIRED = 0.90;

  record Line(String vertical, String language, String expected, String text) {}

  @Test
  void accuracyOnTheLabelledSetIsAtLeastNinetyPercent() throws IOException {
    List<Line> lines = new ArrayList<>();
    for (String v : VERTICALS) {
      lines.addAll(read(v));
    }
    assertTrue(lines.size() >= 300 || VERTICALS.size() < 5, "the labelled set must hold at least 300 utterances, has " + lines.size());
    Map<String, int[]> byGroup = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    int correct = 0;
    for (String vertical : VERTICALS) {
      Map<String, JsonNode> docs = templateDocuments(vertical);
      for (String language : List.of("en", "es")) {
        Definition d = DefinitionReader.read(TemplateMerger.merge(docs, language).definition());
        Understanding u = Understanding.build(d, RealEmbedder.get());
        for (Line l : lines) {
          if (!l.vertical().equals(vertical) || !l.language().equals(language)) {
            continue;
          }
          String got = predict(u, l.text());
          boolean ok = got.equals(l.expected());
          int[] g = byGroup.computeIfAbsent(vertical + "/" + language + "/" + kind(l.expected()), k -> new int[2]);
          g[1]++;
          if (ok) {
            g[0]++;
            correct++;
          } else {
            misses.add(vertical + "/" + language + "  expected " + l.expected() + "  got " + got + "  \"" + l.text() + "\"");
          }
        }
      }
    }
    double accuracy = (double) correct / lines.size();
    StringBuilder report = new StringBuilder();
    report.append(String.format("NLU quality: %d of %d utterances right: accuracy %.1f%% (required %.0f%%)%n",
        correct, lines.size(), accuracy * 100, REQUIRED * 100));
    byGroup.forEach((k, v) -> report.append(String.format("  %-34s %3d/%3d  %5.1f%%%n", k, v[0], v[1], 100.0 * v[0] / v[1])));
    report.append("Misses:\n");
    Collections.sort(misses);
    misses.forEach(m -> report.append("  ").append(m).append('\n'));
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "nlu-quality.txt"), report);
    assertTrue(accuracy >= REQUIRED, String.format("accuracy %.1f%% is below %.0f%%", accuracy * 100, REQUIRED * 100));
  }

  /**
   * The exam is not the training data: no labelled utterance may repeat a template example (after
   * normalisation) or share nearly all its words with one.
   */
  @Test
  void theLabelledSetDoesNotCopyTheTemplatesExamples() throws IOException {
    List<String> copies = new ArrayList<>();
    for (String vertical : VERTICALS) {
      List<java.util.Set<String>> examples = new ArrayList<>();
      for (JsonNode doc : templateDocuments(vertical).values()) {
        for (String list : List.of("intents", "objections")) {
          for (JsonNode entry : doc.path(list)) {
            entry.path("examples").forEach(x -> examples.add(words(x.asText())));
          }
        }
      }
      for (Line l : read(vertical)) {
        java.util.Set<String> w = words(l.text());
        for (java.util.Set<String> e : examples) {
          java.util.Set<String> both = new java.util.HashSet<>(w);
          both.retainAll(e);
          java.util.Set<String> either = new java.util.HashSet<>(w);
          either.addAll(e);
          if (!either.isEmpty() && (double) both.size() / either.size() >= 0.8) {
            copies.add(vertical + ": " + l.text());
            break;
          }
        }
      }
    }
    assertTrue(copies.isEmpty(), "labelled lines too close to training examples: " + copies);
  }

  private static java.util.Set<String> words(String text) {
    return new java.util.HashSet<>(com.ngx.agent.internal.nlu.Text.words(com.ngx.agent.internal.nlu.Text.normalise(text)));
  }

  /** What the engine makes of an utterance: an objection first, then an intent, else out of scope. */
  static String predict(Understanding u, String text) {
    Understanding.Analysis a = u.analyze(text, RealEmbedder.get().embed(text));
    if (a.objection() != null) {
      return "objection:" + a.objection().label();
    }
    if (a.intent() != null) {
      return "intent:" + a.intent().label();
    }
    return "none";
  }

  private static String kind(String expected) {
    int colon = expected.indexOf(':');
    return colon < 0 ? expected : expected.substring(0, colon);
  }

  static List<Line> read(String vertical) throws IOException {
    List<Line> out = new ArrayList<>();
    try (InputStream in = NluQualityTest.class.getResourceAsStream("/nlu/" + vertical + ".tsv")) {
      if (in == null) {
        throw new IOException("missing labelled set nlu/" + vertical + ".tsv");
      }
      String[] rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
      for (int i = 1; i < rows.length; i++) {
        if (rows[i].isBlank()) {
          continue;
        }
        String[] f = rows[i].split("\t");
        out.add(new Line(vertical, f[0].strip(), f[1].strip(), f[2].strip()));
      }
    }
    return out;
  }

  /** The template's documents, read from the vertical plugin's own jar on the class path. */
  static Map<String, JsonNode> templateDocuments(String vertical) throws IOException {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (String language : List.of("en", "es")) {
      for (URL url : Collections.list(NluQualityTest.class.getClassLoader().getResources("template/" + language + ".json"))) {
        if (url.toString().contains("com.ngx.vertical." + vertical + "/") || url.toString().contains("com.ngx.vertical." + vertical + "-")) {
          try (InputStream in = url.openStream()) {
            docs.put(language, Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    if (docs.size() != 2) {
      throw new IOException("template documents of " + vertical + " not found on the class path");
    }
    return docs;
  }
}
