package com.ngx.agent.internal.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of one uploaded document, ready for the {@link Chunker}.
 *
 * @param mediaType the type it was read as: {@code text/plain}, {@code text/markdown}, {@code
 *     text/html} or {@code application/pdf}
 * @param title the document's title (HTML {@code <title>} or first {@code h1}, Markdown first
 *     {@code #} heading, PDF document title), else the file name without its extension
 * @param sections the document's sections in reading order, at least one
 */
public record Extracted(String mediaType, String title, List<Section> sections) {
  public Extracted {
    sections = List.copyOf(sections);
  }

  /** All the text, sections separated by a blank line (for previews and size accounting). */
  public String text() {
    return sections.stream().map(Section::text).collect(Collectors.joining("\n\n"));
  }

  /** The number of characters of text in all sections. */
  public int length() {
    return sections.stream().mapToInt(s -> s.text().length()).sum();
  }
}
