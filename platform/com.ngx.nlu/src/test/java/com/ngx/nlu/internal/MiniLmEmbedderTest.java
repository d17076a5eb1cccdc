package com.ngx.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real model on the plain classpath: shape, meaning, batches, cache and speed. */
class MiniLmEmbedderTest {

  private static MiniLmEmbedder cached;
  private static MiniLmEmbedder uncached;

  @BeforeAll
  static void start() {
    cached = new MiniLmEmbedder(100, 2);
    uncached = new MiniLmEmbedder(0, 2);
  }

  @AfterAll
  static void stop() {
    cached.deactivate();
    uncached.deactivate();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "how much does it cost", // short English
        "¿cuánto cuesta?", // Spanish, with accents and inverted marks
        "x", // one character
        "Ünïcødé, emoji 🚀 and numbers 12345 in one sentence." // unusual characters
      })
  void embeddingsHaveTheModelsDimensionsAndUnitLength(String text) {
    float[] vector = uncached.embed(text);

    assertEquals(384, vector.length);
    assertEquals(1.0, norm(vector), 1e-4);
  }

  @Test
  void describesTheModel() {
    assertEquals("all-MiniLM-L6-v2-q", cached.model());
    assertEquals(384, cached.dimensions());
  }

  @Test
  void textsOfTheSameMeaningAreCloser() {
    // English: a price question is closer to another price question than to a cancellation
    float[] cost = cached.embed("how much does it cost");
    assertTrue(
        dot(cost, cached.embed("what is the price"))
            > dot(cost, cached.embed("I want to cancel my account")));
    // Spanish: the same, although the model was trained mostly on English
    float[] cuesta = cached.embed("¿cuánto cuesta?");
    assertTrue(
        dot(cuesta, cached.embed("¿cuál es el precio?"))
            > dot(cuesta, cached.embed("quiero darme de baja")));
  }

  @Test
  void embedAllEqualsOneByOne() {
    List<String> texts =
        List.of(
            "how much does it cost",
            "",
            "what is the price",
            "how much does it cost", // a duplicate is embedded once and filled twice
            "quiero darme de baja",
            "a much longer sentence about opening hours, parking, and whether dogs are allowed");

    List<float[]> batch = uncached.embedAll(texts);

    assertEquals(texts.size(), batch.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(uncached.embed(texts.get(i)), batch.get(i), 1e-5f, "text " + i);
    }
  }

  @Test
  void cacheHitsReturnTheSameVector() {
    MiniLmEmbedder embedder = new MiniLmEmbedder(2, 1);
    try {
      float[] first = embedder.embed("do you open on Sundays?");
      first[0] = 42; // a caller's change must not reach the cache
      float[] second = embedder.embed("do you open on Sundays?");
      float[] third = embedder.embedAll(List.of("do you open on Sundays?")).get(0);

      assertArrayEquals(uncached.embed("do you open on Sundays?"), second);
      assertArrayEquals(second, third);
      assertNotSame(second, third);
    } finally {
      embedder.deactivate();
    }
  }

  @Test
  void callsMadeWhileTheModelLoadsWaitForIt() {
    MiniLmEmbedder embedder = new MiniLmEmbedder(0, 1);
    try {
      // the model loads in the background for a few hundred milliseconds: this call waits
      assertEquals(384, embedder.embed("called right after activation").length);
    } finally {
      embedder.deactivate();
    }
  }

  @Test
  void callsAfterDeactivationFailInsteadOfRunningAClosedModel() {
    MiniLmEmbedder loaded = new MiniLmEmbedder(0, 1);
    loaded.embed("load");
    loaded.deactivate();
    MiniLmEmbedder loading = new MiniLmEmbedder(0, 1);
    loading.deactivate(); // while the model loads: the load closes what it loaded

    assertThrows(IllegalStateException.class, () -> loaded.embed("after"));
    assertThrows(IllegalStateException.class, () -> loading.embedAll(List.of("after", "again")));
  }

  @Test
  void cacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
    EmbeddingCache cache = new EmbeddingCache(2);
    cache.put("a", new float[] {1});
    cache.put("b", new float[] {2});
    cache.get("a"); // "b" is now the least recently used
    cache.put("c", new float[] {3});

    assertEquals(2, cache.size());
    assertArrayEquals(new float[] {1}, cache.get("a"));
    assertEquals(null, cache.get("b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  "})
  void blankTextGivesZeros(String blank) {
    assertArrayEquals(new float[384], cached.embed(blank));
    assertArrayEquals(new float[384], cached.embedAll(List.of(blank, blank)).get(1));
  }

  @Test
  void nativesAreExtractedBelowTheBaseDirectory() {
    cached.embed("load"); // waits for the model

    Path onnx = Path.of(System.getProperty("onnxruntime.native.path"));
    Path base = NativeLibraries.baseDirectory();
    String platform = NativeLibraries.onnxPlatform();
    // the first class loader in a JVM uses the folders themselves, later ones (after a bundle
    // update) copies in sub-folders, as the JVM refuses a native to a second class loader
    assertEquals(base.resolve("onnxruntime/1.20.0/" + platform).toAbsolutePath(), onnx);
    assertEquals(
        base.resolve("onnxruntime/1.20.0/" + platform + "/reload-2"),
        NativeLibraries.onnxDirectory(base, 2));
    NativeLibraries.onnxLibraries()
        .forEach(name -> assertTrue(Files.isRegularFile(onnx.resolve(name)), name));
    assertEquals(
        base.resolve("djl").toAbsolutePath().toString(), System.getProperty("DJL_CACHE_DIR"));
    assertEquals(base.resolve("djl/reload-2"), NativeLibraries.djlDirectory(base, 2));
    assertEquals("true", System.getProperty("ai.djl.offline"));
    // the folder is named after the version of the natives that were really loaded
    assertEquals(NativeLibraries.ONNXRUNTIME_VERSION, OrtEnvironment.getEnvironment().getVersion());
  }

  @Test
  void measureMillisecondsPerSentence() {
    List<String> sentences =
        IntStream.range(0, 64)
            .mapToObj(i -> "Customer question number " + i + ": is plan " + (i % 7) + " cheaper yearly?")
            .toList();
    // warm up (the JIT, ONNX Runtime's buffers): the first rounds run several times slower
    for (int round = 0; round < 3; round++) {
      sentences.forEach(uncached::embed);
      uncached.embedAll(sentences);
    }

    // the best of 5 rounds: other processes on the machine only ever make a round slower
    double single = Double.MAX_VALUE;
    double batched = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      sentences.forEach(uncached::embed);
      single = Math.min(single, (System.nanoTime() - start) / 1e6 / sentences.size());
      start = System.nanoTime();
      uncached.embedAll(sentences);
      batched = Math.min(batched, (System.nanoTime() - start) / 1e6 / sentences.size());
    }

    System.out.printf(
        Locale.ROOT,
        "all-MiniLM-L6-v2-q on %d processors: %.2f ms/sentence one by one, %.2f ms/sentence in a"
            + " batch of %d (best of 5 rounds)%n",
        Runtime.getRuntime().availableProcessors(),
        single,
        batched,
        sentences.size());
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }
}
