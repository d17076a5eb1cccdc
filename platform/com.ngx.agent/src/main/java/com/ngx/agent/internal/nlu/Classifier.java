package com.ngx.agent.internal.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A multinomial logistic-regression classifier over a message's sentence embedding and its
 * lexical features (words, word pairs, character trigrams), trained on an agent's example
 * phrases when the agent version is compiled. The embedding carries meaning across paraphrases;
 * the lexical features carry the wording, which matters most where the English-centric embedding
 * model knows the language less well (Spanish). Training is deterministic (fixed seed), so the
 * same definition always gives the same classifier. Immutable and thread-safe once built.
 */
public final class Classifier {
  /** Scale of the dense (embedding) part of the input. */
  static final float DENSE = 3f;
  /** Scale of each lexical feature. */
  static final float SPARSE = 0.5f;
  static final int EPOCHS = 30;
  static final double L2 = 1e-4;
  /** Above this many example × label updates per epoch, training is skipped (nearest neighbours decide). */
  static final long MAX_WORK = 3_000_000;

  private final List<String> labels;
  private final int dims;
  private final float[][] dense; // label × dims
  private final Map<String, Integer> featureIndex;
  private final float[][] sparse; // label × features

  private Classifier(List<String> labels, int dims, float[][] dense, Map<String, Integer> featureIndex, float[][] sparse) {
    this.labels = labels;
    this.dims = dims;
    this.dense = dense;
    this.featureIndex = featureIndex;
    this.sparse = sparse;
  }

  /** Whether a classifier is worth training for this many examples and labels. */
  public static boolean trainable(int examples, int labels) {
    return (long) examples * labels <= MAX_WORK;
  }

  /**
   * Trains.
   *
   * @param exampleLabels the label of each example
   * @param texts the examples
   * @param vectors their embeddings
   */
  public static Classifier train(List<String> exampleLabels, List<String> texts, List<float[]> vectors, int dims) {
    List<String> labels = new ArrayList<>(new java.util.LinkedHashSet<>(exampleLabels));
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      labelIndex.put(labels.get(i), i);
    }
    Map<String, Integer> featureIndex = new HashMap<>();
    List<int[]> features = new ArrayList<>(texts.size());
    for (String t : texts) {
      List<String> f = features(t);
      int[] ids = new int[f.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = featureIndex.computeIfAbsent(f.get(i), k -> featureIndex.size());
      }
      features.add(ids);
    }
    int n = labels.size();
    float[][] dense = new float[n][dims];
    float[][] sparse = new float[n][featureIndex.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      order.add(i);
    }
    Random random = new Random(42);
    double[] p = new double[n];
    // averaged SGD: the mean of the weights after each epoch of the second half, which is far less
    // sensitive to the order of the examples than the last weights
    float[][] denseSum = new float[n][dims];
    float[][] sparseSum = new float[n][featureIndex.size()];
    int averaged = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(order, random);
      float lr = (float) (0.5 / (1 + epoch * 0.1));
      for (int idx : order) {
        float[] v = vectors.get(idx);
        int[] f = features.get(idx);
        scores(dense, sparse, v, f, p);
        softmax(p);
        int y = labelIndex.get(exampleLabels.get(idx));
        for (int c = 0; c < n; c++) {
          float g = (float) (p[c] - (c == y ? 1 : 0));
          if (Math.abs(g) < 1e-5) {
            continue;
          }
          float[] w = dense[c];
          float step = lr * g * DENSE;
          float decay = (float) (lr * L2);
          for (int k = 0; k < dims; k++) {
            w[k] -= step * v[k] + decay * w[k];
          }
          float[] s = sparse[c];
          float sstep = lr * g * SPARSE;
          for (int id : f) {
            s[id] -= sstep;
          }
        }
      }
      if (epoch >= EPOCHS / 2) {
        averaged++;
        for (int c = 0; c < n; c++) {
          for (int k = 0; k < dims; k++) {
            denseSum[c][k] += dense[c][k];
          }
          for (int k = 0; k < sparse[c].length; k++) {
            sparseSum[c][k] += sparse[c][k];
          }
        }
      }
    }
    for (int c = 0; c < n; c++) {
      for (int k = 0; k < dims; k++) {
        denseSum[c][k] /= averaged;
      }
      for (int k = 0; k < sparseSum[c].length; k++) {
        sparseSum[c][k] /= averaged;
      }
    }
    return new Classifier(List.copyOf(labels), dims, denseSum, Map.copyOf(featureIndex), sparseSum);
  }

  /** The probability of every label for a message, in label order. */
  public double[] probabilities(String text, float[] vector) {
    List<String> f = features(text);
    int[] ids = f.stream().map(featureIndex::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
    double[] p = new double[labels.size()];
    scores(dense, sparse, vector, ids, p);
    softmax(p);
    return p;
  }

  public List<String> labels() {
    return labels;
  }

  private static void scores(float[][] dense, float[][] sparse, float[] v, int[] f, double[] out) {
    for (int c = 0; c < dense.length; c++) {
      float[] w = dense[c];
      double a = 0;
      for (int k = 0; k < w.length; k++) {
        a += w[k] * v[k];
      }
      a *= DENSE;
      float[] s = sparse[c];
      double b = 0;
      for (int id : f) {
        b += s[id];
      }
      out[c] = a + b * SPARSE;
    }
  }

  private static void softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= sum;
    }
  }

  /**
   * Lexical features: words, their light stems (Spanish and English: "turnos"/"turno",
   * "cobran"/"cobrar" share a stem), word pairs and character trigrams of the normalised text.
   */
  static List<String> features(String text) {
    String n = Text.normalise(text);
    List<String> f = Text.features(n);
    List<String> w = Text.words(n);
    for (String word : w) {
      if (word.length() > 3) {
        f.add("s:" + stem(word));
      }
      // character 4- and 5-grams: inflections, typos and the shared stems of the two languages
      String padded = "^" + word + "$";
      for (int size = 4; size <= 5; size++) {
        for (int i = 0; i + size <= padded.length(); i++) {
          f.add(size + ":" + padded.substring(i, i + size));
        }
      }
    }
    for (int i = 0; i + 1 < w.size(); i++) {
      f.add("b:" + w.get(i) + "_" + w.get(i + 1));
    }
    // the form of the message: a question asks for something (an intent), a statement often
    // resists (an objection) — "is it secure?" against "I worry it isn't secure"
    if (text.indexOf('?') >= 0 || text.indexOf('¿') >= 0) {
      f.add("f:question");
    }
    if (!w.isEmpty()) {
      f.add("f:first:" + w.get(0));
    }
    return f;
  }

  private static final org.apache.lucene.analysis.es.SpanishLightStemmer SPANISH =
      new org.apache.lucene.analysis.es.SpanishLightStemmer();
  private static final org.apache.lucene.analysis.en.EnglishMinimalStemmer ENGLISH =
      new org.apache.lucene.analysis.en.EnglishMinimalStemmer();

  /** The Spanish light stem of the English minimal stem (plural and gender endings off). */
  static String stem(String word) {
    char[] c = word.toCharArray();
    int len = ENGLISH.stem(c, c.length);
    len = SPANISH.stem(c, len);
    return new String(c, 0, len);
  }

  int dims() {
    return dims;
  }
}
