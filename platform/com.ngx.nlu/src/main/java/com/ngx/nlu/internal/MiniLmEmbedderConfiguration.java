package com.ngx.nlu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Node settings of the sentence-embedding model (PID {@code com.ngx.nlu}). */
@ObjectClassDefinition(
    name = "NGX offline NLU",
    description = "The in-process sentence-embedding model (all-MiniLM-L6-v2, quantized)")
public @interface MiniLmEmbedderConfiguration {

  @AttributeDefinition(
      description = "Embeddings kept in memory, keyed by the exact text (least recently used go first; 0 = no cache)")
  int cacheSize() default 20_000;

  @AttributeDefinition(
      description = "Threads that embed the texts of one batch in parallel (0 = one per available processor)")
  int threads() default 0;
}
