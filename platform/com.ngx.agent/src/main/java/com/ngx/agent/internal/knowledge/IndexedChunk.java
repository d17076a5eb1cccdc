package com.ngx.agent.internal.knowledge;

import java.util.Objects;

/**
 * One stored passage of a knowledge base with its embedding, the input of {@link KnowledgeIndex}.
 *
 * @param chunkId the passage's identifier (as stored)
 * @param documentId the identifier of its document
 * @param documentName the document's display name (its title or file name), shown in citations
 * @param language the document's language ({@code en}, {@code es}, …), which selects the
 *     full-text analysis; {@code null} is treated as English
 * @param heading the heading path the passage is under, or {@code null}
 * @param page the 1-based PDF page, or {@code null}
 * @param text the passage text
 * @param vector the embedding of {@link KnowledgeIndex#embeddingText(String, String, String)} for
 *     this passage: L2-normalised, the same model and length for every passage of an index
 */
public record IndexedChunk(
    String chunkId,
    String documentId,
    String documentName,
    String language,
    String heading,
    Integer page,
    String text,
    float[] vector) {
  public IndexedChunk {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(vector, "vector");
  }
}
