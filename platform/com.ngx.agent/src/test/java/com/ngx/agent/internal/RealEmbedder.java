package com.ngx.agent.internal;

import com.ngx.nlu.TextEmbedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real embedding model (the one com.ngx.nlu runs in the OSGi runtime) on the test class path:
 * tests of understanding and retrieval run against the model the product uses, never a fake.
 * One instance per test JVM; vectors are cached by text like the runtime does.
 */
public final class RealEmbedder implements TextEmbedder {
  private static final RealEmbedder INSTANCE = new RealEmbedder();

  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  private RealEmbedder() {}

  public static RealEmbedder get() {
    return INSTANCE;
  }

  @Override
  public String model() {
    return "all-MiniLM-L6-v2-q";
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    if (text == null || text.isBlank()) {
      return new float[384];
    }
    return cache.computeIfAbsent(text, t -> normalise(model.embed(t).content().vector()));
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> t != null && !t.isBlank() && !cache.containsKey(t)).distinct().toList();
    if (!missing.isEmpty()) {
      List<Embedding> vectors = model.embedAll(missing.stream().map(TextSegment::from).toList()).content();
      for (int i = 0; i < missing.size(); i++) {
        cache.put(missing.get(i), normalise(vectors.get(i).vector()));
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }

  private static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
    return v;
  }
}
