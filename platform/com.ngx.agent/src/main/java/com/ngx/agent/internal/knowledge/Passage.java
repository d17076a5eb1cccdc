package com.ngx.agent.internal.knowledge;

/**
 * A passage found by {@link KnowledgeIndex#search}, with what is needed to cite it.
 *
 * @param chunkId the passage's identifier
 * @param documentId its document's identifier
 * @param documentName its document's display name
 * @param page its 1-based PDF page, or {@code null}
 * @param heading its heading path, or {@code null}
 * @param text the whole passage
 * @param quote the one or two sentences of the passage that best match the question, for quoting
 * @param score the hybrid score (reciprocal-rank fusion of the two rankings; only the order means
 *     something)
 * @param cosine the cosine similarity between the question's and the passage's embeddings (0 when
 *     the question had no vector)
 * @param bm25 the passage's BM25 full-text score for the question (0 when no word matched)
 */
public record Passage(
    String chunkId,
    String documentId,
    String documentName,
    Integer page,
    String heading,
    String text,
    String quote,
    double score,
    double cosine,
    double bm25) {}
