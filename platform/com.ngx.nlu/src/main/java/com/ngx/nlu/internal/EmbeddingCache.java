package com.ngx.nlu.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe least-recently-used cache of embeddings keyed by the exact text, holding at most
 * {@code capacity} entries (none when the capacity is 0).
 *
 * <p>One lock guards an access-ordered {@link LinkedHashMap}: a look-up costs far less than the
 * milliseconds of an inference, so the lock is never the bottleneck. The cache keeps its own
 * arrays; callers get copies, so a caller that changes its vector cannot corrupt the cache.
 */
final class EmbeddingCache {

  private final int capacity;
  private final Map<String, float[]> entries;

  EmbeddingCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cacheSize must be >= 0, not " + capacity);
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > EmbeddingCache.this.capacity;
          }
        };
  }

  /** A copy of the cached embedding of {@code text}, or {@code null}. */
  float[] get(String text) {
    if (capacity == 0) {
      return null;
    }
    float[] vector;
    synchronized (entries) {
      vector = entries.get(text);
    }
    return vector == null ? null : vector.clone();
  }

  /** Remembers (a copy of) the embedding of {@code text}, evicting the least recently used. */
  void put(String text, float[] vector) {
    if (capacity == 0) {
      return;
    }
    float[] copy = vector.clone();
    synchronized (entries) {
      entries.put(text, copy);
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
