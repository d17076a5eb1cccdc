package com.ngx.nlu;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A sentence-embedding model running in-process on the CPU, with no network: turns a text into a
 * fixed-length vector such that texts of similar meaning lie close together.
 *
 * <p>Vectors are L2-normalised, so their dot product is their cosine similarity. Thread-safe.
 */
@ProviderType
public interface TextEmbedder {
  /** The model's name, e.g. {@code all-MiniLM-L6-v2-q}; vectors of different models never mix. */
  String model();

  /** The length of every vector this model returns. */
  int dimensions();

  /** The normalised embedding of {@code text} (blank text gives a zero vector). */
  float[] embed(String text);

  /** The embeddings of {@code texts}, in order; faster than one call per text. */
  List<float[]> embedAll(List<String> texts);
}
