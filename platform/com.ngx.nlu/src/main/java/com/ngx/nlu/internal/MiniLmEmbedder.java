package com.ngx.nlu.internal;

import com.ngx.nlu.TextEmbedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TextEmbedder} of all-MiniLM-L6-v2 (quantized), run in-process by ONNX Runtime on the
 * CPU, with an LRU cache of recent texts.
 *
 * <p>The model (23 MB, plus natives) loads in the background on activation, so the bundle starts at
 * once; calls made before it is ready wait for it. Deactivation waits for running calls, then frees
 * the model's native memory.
 */
@Component(immediate = true, configurationPid = "com.ngx.nlu")
@Designate(ocd = MiniLmEmbedderConfiguration.class)
public final class MiniLmEmbedder implements TextEmbedder {

  static final String MODEL = "all-MiniLM-L6-v2-q";
  static final int DIMENSIONS = 384;

  private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedder.class);

  private final EmbeddingCache cache;
  private final ExecutorService executor;
  private final CompletableFuture<MiniLmModel> model = new CompletableFuture<>();
  /** Calls share it; closing the model takes it alone (ONNX Runtime must not run a closed session). */
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private boolean closed; // guarded by closing

  @Activate
  public MiniLmEmbedder(MiniLmEmbedderConfiguration configuration) {
    this(configuration.cacheSize(), configuration.threads());
  }

  /**
   * @param cacheSize embeddings kept in memory (0: none)
   * @param threads threads for batches (0: one per available processor)
   */
  MiniLmEmbedder(int cacheSize, int threads) {
    this.cache = new EmbeddingCache(cacheSize);
    int poolSize = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.executor = Executors.newFixedThreadPool(poolSize, new DaemonThreads());
    executor.execute(this::load);
  }

  @Deactivate
  void deactivate() {
    // wakes the calls waiting for a load; a load still running finishes, then closes its model
    model.completeExceptionally(new IllegalStateException("The embedding model was stopped"));
    Lock lock = closing.writeLock();
    lock.lock(); // waits for the running calls
    try {
      closed = true;
      if (!model.isCompletedExceptionally()) {
        model.join().close();
      }
    } catch (Exception e) {
      LOG.warn("Cannot close the embedding model", e);
    } finally {
      lock.unlock();
    }
    executor.shutdown();
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      return new float[DIMENSIONS];
    }
    float[] cached = cache.get(text);
    if (cached != null) {
      return cached;
    }
    float[] vector = normalised(withModel(m -> m.embed(text)).content().vector());
    cache.put(text, vector);
    return vector;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    float[][] vectors = new float[texts.size()][];
    // each distinct text that is not cached, with the positions it fills
    Map<String, List<Integer>> missing = new LinkedHashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      String text = Objects.requireNonNull(texts.get(i), "text");
      if (text.isBlank()) {
        vectors[i] = new float[DIMENSIONS];
      } else if ((vectors[i] = cache.get(text)) == null) {
        missing.computeIfAbsent(text, t -> new ArrayList<>(1)).add(i);
      }
    }
    if (!missing.isEmpty()) {
      List<TextSegment> segments = missing.keySet().stream().map(TextSegment::from).toList();
      List<Embedding> embeddings = withModel(m -> m.embedAll(segments)).content();
      int k = 0;
      for (Map.Entry<String, List<Integer>> entry : missing.entrySet()) {
        float[] vector = normalised(embeddings.get(k++).vector());
        cache.put(entry.getKey(), vector);
        for (int i : entry.getValue()) {
          vectors[i] = vector.clone();
        }
      }
    }
    return Arrays.asList(vectors);
  }

  /**
   * Loads the model with this bundle's class loader as the context one: DJL finds its tokenizer
   * native through it.
   */
  private void load() {
    long start = System.nanoTime();
    ClassLoader bundle = MiniLmEmbedder.class.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(bundle);
    try {
      NativeLibraries.prepare(NativeLibraries.baseDirectory(), bundle);
      MiniLmModel loaded = new MiniLmModel(bundle, executor);
      loaded.embed("warm-up"); // the first inference allocates ONNX Runtime's buffers
      if (model.complete(loaded)) {
        LOG.info(
            "Loaded the embedding model {} in {} ms (natives in {})",
            MODEL,
            (System.nanoTime() - start) / 1_000_000,
            NativeLibraries.baseDirectory());
      } else {
        loaded.close(); // deactivated meanwhile
      }
    } catch (Throwable e) { // UnsatisfiedLinkError, ExceptionInInitializerError…
      LOG.error("Cannot load the embedding model {}", MODEL, e);
      model.completeExceptionally(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Runs {@code call} on the model once it is loaded, unless the component was deactivated. */
  private <T> T withModel(Function<MiniLmModel, T> call) {
    Lock lock = closing.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The embedding model was stopped");
      }
      return call.apply(model.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the embedding model loads", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The embedding model is not available", e.getCause());
    } finally {
      lock.unlock();
    }
  }

  /** The model already normalises; this guards the contract of {@link TextEmbedder}. */
  private static float[] normalised(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
      return vector;
    }
    float scale = (float) (1 / Math.sqrt(sum));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] * scale;
    }
    return unit;
  }

  /**
   * Daemon threads named {@code ngx-nlu-<n>} whose context class loader is this bundle's, for the
   * libraries that look up resources through it.
   */
  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "ngx-nlu-" + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setContextClassLoader(MiniLmEmbedder.class.getClassLoader());
      return thread;
    }
  }
}
