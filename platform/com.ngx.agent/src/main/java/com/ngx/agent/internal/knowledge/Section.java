package com.ngx.agent.internal.knowledge;

/**
 * One part of an extracted document: the text under one heading, or of one PDF page.
 *
 * @param heading the heading path the text is under (nested headings joined by {@value
 *     #PATH_SEPARATOR}, the document's title left out), or {@code null} before the first heading
 *     and in PDFs
 * @param page the 1-based PDF page, or {@code null} for other formats
 * @param text the text: paragraphs separated by a blank line, lines of a list or table by one line
 *     break, other whitespace collapsed to single spaces; never blank
 */
public record Section(String heading, Integer page, String text) {
  /** Joins the levels of a heading path, e.g. {@code Memberships › Family plans}. */
  public static final String PATH_SEPARATOR = " › ";
}
