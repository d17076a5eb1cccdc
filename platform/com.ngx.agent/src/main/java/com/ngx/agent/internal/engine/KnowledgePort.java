package com.ngx.agent.internal.engine;

import com.ngx.agent.internal.knowledge.KnowledgeIndex;
import java.util.Optional;

/**
 * How the engine reaches an agent's knowledge base (and, optionally, a language model that phrases
 * the answer): a cited answer to the prospect's message, or none.
 */
public interface KnowledgePort {
  /** An answer to the prospect's message in {@code language}, if the knowledge base has one. */
  Optional<KnowledgeIndex.Answer> answer(String text, float[] vector, String language);

  /** No knowledge base. */
  KnowledgePort NONE = (text, vector, language) -> Optional.empty();
}
