package com.ngx.agent.internal.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled example phrases (intents, objections, compliance rules) indexed two ways: by their
 * sentence embeddings and by lexical features (TF-IDF over words and character trigrams). A
 * message's score for a label is the best hybrid similarity to one of the label's examples
 * (nearest neighbour), so hundreds of labels with a hundred examples each need no training.
 * Immutable and thread-safe once built.
 */
public final class ExampleIndex {
  /** How much of the score comes from the embedding; the rest is lexical. */
  static final double EMBEDDING_WEIGHT = 0.7;

  private final List<String> labels = new ArrayList<>(); // per example
  private final float[] vectors; // examples × dims, row-major; null: lexical only
  private final int dims;
  private final Map<String, List<int[]>> postings = new HashMap<>(); // feature → (example, count)
  private final double[] norms;
  private final Map<String, Double> idf = new HashMap<>();
  private final List<String> examples = new ArrayList<>();

  /** A label's score and the example that gave it. */
  public record Match(String label, double score, String example) {}

  /**
   * Builds the index.
   *
   * @param byLabel label → example phrases
   * @param vectors the embedding of every phrase, in the order of {@code byLabel}'s iteration
   */
  public ExampleIndex(Map<String, List<String>> byLabel, List<float[]> vectors, int dims) {
    this.dims = dims;
    for (Map.Entry<String, List<String>> e : byLabel.entrySet()) {
      for (String ex : e.getValue()) {
        labels.add(e.getKey());
        examples.add(ex);
      }
    }
    int n = labels.size();
    if (vectors == null) {
      this.vectors = null;
    } else {
      this.vectors = new float[n * dims];
      for (int i = 0; i < n; i++) {
        System.arraycopy(vectors.get(i), 0, this.vectors, i * dims, dims);
      }
    }
    List<Map<String, Integer>> tf = new ArrayList<>(n);
    Map<String, Integer> df = new HashMap<>();
    for (String ex : examples) {
      Map<String, Integer> counts = new HashMap<>();
      for (String f : Text.features(Text.normalise(ex))) {
        counts.merge(f, 1, Integer::sum);
      }
      counts.keySet().forEach(f -> df.merge(f, 1, Integer::sum));
      tf.add(counts);
    }
    df.forEach((f, d) -> idf.put(f, Math.log(1.0 + (n + 1.0) / d)));
    norms = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (Map.Entry<String, Integer> c : tf.get(i).entrySet()) {
        double w = c.getValue() * idf.get(c.getKey());
        sum += w * w;
        postings.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(new int[] {i, c.getValue()});
      }
      norms[i] = Math.sqrt(sum);
    }
  }

  /** Every phrase of the index, in order (what must be embedded to build it). */
  public static List<String> phrases(Map<String, List<String>> byLabel) {
    List<String> out = new ArrayList<>();
    byLabel.values().forEach(out::addAll);
    return out;
  }

  public int size() {
    return labels.size();
  }

  /** Whether the index holds embeddings (false: lexical only, while they are computed). */
  public boolean semantic() {
    return vectors != null;
  }

  /** The best score of every label for a message, best first, at most {@code limit}. */
  public List<Match> rank(String text, float[] vector, int limit) {
    int n = labels.size();
    if (n == 0) {
      return List.of();
    }
    double[] lexical = lexical(text);
    Map<String, Match> best = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double score;
      if (vectors == null) {
        score = lexical[i];
      } else {
        double cos = 0;
        int off = i * dims;
        for (int k = 0; k < dims; k++) {
          cos += vector[k] * vectors[off + k];
        }
        score = EMBEDDING_WEIGHT * Math.max(0, cos) + (1 - EMBEDDING_WEIGHT) * lexical[i];
      }
      Match m = best.get(labels.get(i));
      if (m == null || score > m.score()) {
        best.put(labels.get(i), new Match(labels.get(i), score, examples.get(i)));
      }
    }
    return best.values().stream()
        .sorted((a, b) -> Double.compare(b.score(), a.score()))
        .limit(limit)
        .toList();
  }

  /** TF-IDF cosine of the message with every example, through the postings. */
  private double[] lexical(String text) {
    double[] dot = new double[labels.size()];
    Map<String, Integer> q = new HashMap<>();
    for (String f : Text.features(Text.normalise(text))) {
      q.merge(f, 1, Integer::sum);
    }
    double qnorm = 0;
    for (Map.Entry<String, Integer> e : q.entrySet()) {
      Double w = idf.get(e.getKey());
      if (w == null) {
        // unseen feature: counts towards the message's length only
        double u = e.getValue() * Math.log(1.0 + labels.size() + 1.0);
        qnorm += u * u;
        continue;
      }
      double qw = e.getValue() * w;
      qnorm += qw * qw;
      for (int[] p : postings.get(e.getKey())) {
        dot[p[0]] += qw * p[1] * w;
      }
    }
    qnorm = Math.sqrt(qnorm);
    for (int i = 0; i < dot.length; i++) {
      // without embeddings, a short example must not win on one shared word ("yes please" for "a
      // refund please"): normalise by the larger of the two lengths, i.e. by how much of the
      // message the example covers
      double norm = vectors == null ? Math.max(qnorm, norms[i]) : norms[i];
      dot[i] = qnorm == 0 || norm == 0 ? 0 : dot[i] / (qnorm * norm);
    }
    return dot;
  }
}
