package com.ngx.agent.internal.knowledge;

/**
 * The hard limits of one knowledge document, whatever the plan: they protect the node's memory and
 * CPU from one upload. Plans set lower, per-tenant limits (documents per agent, total size) on top.
 */
public final class KnowledgeLimits {
  /** The largest file accepted, in bytes (10 MiB). */
  public static final int MAX_CONTENT_BYTES = 10 * 1024 * 1024;

  /** The most text one document may yield, in characters, after extraction. */
  public static final int MAX_TEXT_CHARS = 2_000_000;

  /** The most pages a PDF may have. */
  public static final int MAX_PDF_PAGES = 1_000;

  private KnowledgeLimits() {}

  static String tooLarge(long bytes) {
    return String.format(
        java.util.Locale.ROOT,
        "the file is too large (%.1f MiB): the limit is %d MiB, split it into smaller files",
        bytes / (1024.0 * 1024.0),
        MAX_CONTENT_BYTES / (1024 * 1024));
  }

  static String tooMuchText() {
    return "the document has more than 2,000,000 characters of text: split it into smaller files";
  }

  static String tooManyPages(int pages) {
    return "the PDF has " + pages + " pages: the limit is 1,000, split it into smaller files";
  }
}
