package com.ngx.agent.internal.knowledge;

/**
 * One passage of a document, the unit the knowledge base indexes, retrieves and cites.
 *
 * @param ordinal the chunk's position in its document, from 0
 * @param text the passage: whole sentences, paragraphs separated by a blank line
 * @param heading the heading path of the section it comes from, or {@code null}
 * @param page the 1-based PDF page it comes from, or {@code null}
 */
public record Chunk(int ordinal, String text, String heading, Integer page) {
  /**
   * The text to embed for this chunk's vector: the document title and heading path (which carry
   * context the passage itself often lacks, e.g. "Cancellation policy") followed by the text.
   *
   * @param documentTitle the document's title ({@link Extracted#title()}), or {@code null}
   */
  public String embeddingText(String documentTitle) {
    return KnowledgeIndex.embeddingText(documentTitle, heading, text);
  }
}
