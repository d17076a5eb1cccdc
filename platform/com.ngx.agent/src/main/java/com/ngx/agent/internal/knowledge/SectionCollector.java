package com.ngx.agent.internal.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Section}s of a structured document while a parser walks it: text goes into
 * lines, lines into paragraphs, paragraphs into the section of the current heading path.
 */
final class SectionCollector {
  private final List<Section> sections = new ArrayList<>();
  private final List<String> paragraphs = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();
  /** The heading text per level 1–6 (index 0 unused); deeper levels reset when one is set. */
  private final String[] path = new String[7];
  /** A heading level left out of paths because it is the document's title, or 0. */
  private final int titleLevel;
  private String heading;
  private Integer page;
  private int chars;

  /** @param titleLevel the heading level that holds the title (left out of paths), or 0 */
  SectionCollector(int titleLevel) {
    this.titleLevel = titleLevel;
  }

  /** Appends inline text to the current line (whitespace is collapsed later). */
  void text(String s) {
    line.append(s);
  }

  /** Ends the current line (a list item, a table row, a hard break). */
  void endLine() {
    String l = Texts.collapse(line.toString());
    line.setLength(0);
    if (!l.isEmpty()) {
      lines.add(l);
    }
  }

  /** Ends the current paragraph. */
  void endParagraph() {
    endLine();
    if (!lines.isEmpty()) {
      String p = String.join("\n", lines);
      lines.clear();
      chars += p.length() + 2;
      if (chars > KnowledgeLimits.MAX_TEXT_CHARS) {
        throw new KnowledgeException(KnowledgeException.FILE, KnowledgeLimits.tooMuchText());
      }
      paragraphs.add(p);
    }
  }

  /** Adds a whole paragraph of already normalised text. */
  void paragraph(String p) {
    endParagraph();
    lines.add(p);
    endParagraph();
  }

  /** Starts a section under a heading of {@code level} (1–6). */
  void heading(int level, String text) {
    endSection();
    int l = Math.max(1, Math.min(6, level));
    String t = Texts.collapse(text);
    path[l] = t.isEmpty() ? null : t;
    for (int i = l + 1; i < path.length; i++) {
      path[i] = null;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < path.length; i++) {
      if (path[i] != null && i != titleLevel) {
        parts.add(path[i]);
      }
    }
    heading = parts.isEmpty() ? null : String.join(Section.PATH_SEPARATOR, parts);
  }

  /** Starts the section of a PDF page. */
  void page(int number) {
    endSection();
    page = number;
  }

  private void endSection() {
    endParagraph();
    if (!paragraphs.isEmpty()) {
      sections.add(new Section(heading, page, String.join("\n\n", paragraphs)));
      paragraphs.clear();
    }
  }

  /** The sections collected, in order (sections without text are left out). */
  List<Section> finish() {
    endSection();
    return List.copyOf(sections);
  }
}
