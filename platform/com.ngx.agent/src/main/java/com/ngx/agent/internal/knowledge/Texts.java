package com.ngx.agent.internal.knowledge;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whitespace normalisation and sentence splitting shared by extraction, chunking and quoting. */
final class Texts {
  /** Whitespace as people see it, including no-break and zero-width spaces and the BOM. */
  private static final Pattern SPACES =
      Pattern.compile("[\\s\\u00A0\\u1680\\u2000-\\u200B\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+");

  /** Control characters other than tab and line breaks (they are noise in extracted text). */
  private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

  /** A blank line: the paragraph separator of normalised text. */
  static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

  /** A line that starts a list item: a bullet or a number followed by a dot or parenthesis. */
  private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*+•▪◦‣–]|\\d{1,3}[.)])\\s+.*");

  /** Sentence iterators are costly to create and not thread-safe: one per thread. */
  private static final ThreadLocal<BreakIterator> SENTENCE =
      ThreadLocal.withInitial(() -> BreakIterator.getSentenceInstance(Locale.ROOT));

  private Texts() {}

  /** {@code s} on one line: whitespace runs become one space, control characters go, trimmed. */
  static String collapse(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    return SPACES.matcher(CONTROLS.matcher(s).replaceAll(" ")).replaceAll(" ").strip();
  }

  /**
   * Plain text to normalised paragraphs: blank lines separate paragraphs; inside one, wrapped lines
   * are joined with a space (hard-wrapped prose, PDF lines), but a line that starts a list item
   * keeps its line break, and a line ending in a hyphen joins the next without one when that line
   * starts in lower case (a word hyphenated at the end of a PDF line).
   */
  static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n').replace('\f', '\n');
    for (String block : PARAGRAPH_BREAK.split(normalised)) {
      StringBuilder paragraph = new StringBuilder();
      for (String rawLine : block.split("\n")) {
        String line = collapse(rawLine);
        if (line.isEmpty()) {
          continue;
        }
        if (paragraph.length() == 0) {
          paragraph.append(line);
        } else if (LIST_ITEM.matcher(line).matches()) {
          paragraph.append('\n').append(line);
        } else if (endsWithHyphenatedWord(paragraph) && Character.isLowerCase(line.charAt(0))) {
          paragraph.setLength(paragraph.length() - 1);
          paragraph.append(line);
        } else {
          paragraph.append(' ').append(line);
        }
      }
      if (paragraph.length() > 0) {
        out.add(paragraph.toString());
      }
    }
    return out;
  }

  /**
   * Whether a paragraph of unstructured text (PDF, plain text) reads as a heading: one short line
   * (at most {@value #MAX_HEADING_CHARS} characters and 10 words) that starts with a capital or a
   * number and ends with a letter, e.g. {@code Cancelling your membership} or {@code 4.2 Refunds}.
   * A line ending in punctuation or a figure ({@code Basic: $29}) is text.
   */
  static boolean isHeadingLine(String paragraph) {
    if (paragraph.length() < 3 || paragraph.length() > MAX_HEADING_CHARS || paragraph.indexOf('\n') >= 0) {
      return false;
    }
    int first = paragraph.codePointAt(0);
    int last = paragraph.codePointBefore(paragraph.length());
    if (!(Character.isUpperCase(first) || Character.isDigit(first)) || !Character.isLetter(last)) {
      return false;
    }
    if (paragraph.contains(". ") || paragraph.contains("? ") || paragraph.contains("! ") || paragraph.contains(": ")) {
      return false;
    }
    return paragraph.split(" ").length <= 10;
  }

  static final int MAX_HEADING_CHARS = 70;

  private static boolean endsWithHyphenatedWord(CharSequence s) {
    int n = s.length();
    return n >= 2 && s.charAt(n - 1) == '-' && Character.isLetter(s.charAt(n - 2));
  }

  /**
   * The sentences of one normalised paragraph, in order: each line is split on sentence ends
   * (Unicode rules, good enough for English and Spanish). Sentences keep their punctuation and are
   * trimmed; none is blank.
   */
  static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    BreakIterator it = SENTENCE.get();
    for (String line : paragraph.split("\n")) {
      it.setText(line);
      int start = it.first();
      for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        String sentence = line.substring(start, end).strip();
        if (!sentence.isEmpty()) {
          out.add(sentence);
        }
      }
    }
    return out;
  }

  /** {@code s} cut to at most {@code max} characters at a word boundary, with an ellipsis. */
  static String abbreviate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max - 1);
    if (cut < max / 2) {
      cut = max - 1;
    }
    return s.substring(0, cut).stripTrailing() + "…";
  }
}
