package com.ngx.agent.internal.engine;

import java.util.List;
import java.util.Optional;

/** How the engine reaches an agent's knowledge base (and, optionally, a language model). */
public interface KnowledgePort {
  /** A cited answer. */
  record Answer(String text, List<Source> sources) {}

  /** Where an answer comes from. */
  record Source(String documentId, String documentName, Integer page, String quote) {}

  /** An answer to the prospect's message in {@code language}, if the knowledge base has one. */
  Optional<Answer> answer(String text, float[] vector, String language);

  /** No knowledge base. */
  KnowledgePort NONE = (text, vector, language) -> Optional.empty();
}
