package com.ngx.agent.internal.knowledge;

import com.ngx.agent.internal.RealEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real knowledge base for tests: a gym's prices (Markdown), opening hours (HTML), membership
 * terms (a three-page PDF) and a Spanish FAQ (Markdown), extracted, chunked and embedded with the
 * real model exactly as the product does.
 */
final class GymKnowledge {
  static final String PRICES = "doc-prices";
  static final String HOURS = "doc-hours";
  static final String TERMS = "doc-terms";
  static final String SPANISH = "doc-es";

  static final List<String> TERMS_PAGES =
      List.of(
          "Membership terms and conditions\n\n"
              + "These terms apply to every FitLife membership. By signing the membership form you accept them.\n\n"
              + "Fees are paid monthly in advance by direct debit on the first day of the month. If a payment"
              + " fails we try again after five days; a second failed payment adds an administration charge of"
              + " $10 and suspends access until the balance is paid.",
          "Cancelling your membership\n\n"
              + "You can cancel your membership at any time after the minimum term of three months. Give us"
              + " thirty days notice by filling in the cancellation form at the reception desk or by e-mail to"
              + " members@fitlife.example. Your last payment covers the notice period.\n\n"
              + "There is no cancellation fee. If you cancel during the minimum term, the remaining months of"
              + " that term are still due.",
          "Freezing your membership\n\n"
              + "Members may freeze their membership for up to three months per calendar year, for example during"
              + " a long trip abroad or while recovering from an injury. A frozen membership costs $5 per month"
              + " and the minimum term is extended by the frozen period.\n\n"
              + "Guests\n\n"
              + "Premium members may bring one guest per month free of charge. Guests must be over 18 and show"
              + " an identity document.");

  private GymKnowledge() {}

  /** The passages of the four documents with their real embeddings. */
  static List<IndexedChunk> chunks() {
    List<IndexedChunk> out = new ArrayList<>();
    add(out, PRICES, "en", DocumentText.extract("gym-prices.md", "text/markdown", resource("gym-prices.md")));
    add(out, HOURS, "en", DocumentText.extract("gym-hours.html", "text/html; charset=utf-8", resource("gym-hours.html")));
    add(out, TERMS, "en", DocumentText.extract("terms.pdf", "application/pdf", Pdfs.of("Membership terms", TERMS_PAGES)));
    add(out, SPANISH, "es", DocumentText.extract("gimnasio-es.md", null, resource("gimnasio-es.md")));
    return out;
  }

  static KnowledgeIndex index() {
    return KnowledgeIndex.build(chunks());
  }

  private static void add(List<IndexedChunk> out, String documentId, String language, Extracted doc) {
    List<Chunk> chunks = Chunker.chunk(doc);
    List<float[]> vectors = RealEmbedder.get().embedAll(chunks.stream().map(c -> c.embeddingText(doc.title())).toList());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      out.add(new IndexedChunk(documentId + "#" + c.ordinal(), documentId, doc.title(), language, c.heading(), c.page(), c.text(), vectors.get(i)));
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = GymKnowledge.class.getResourceAsStream("/knowledge/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
