package com.ngx.agent.internal.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document's sections into passages of about {@value #MIN_CHARS}–{@value #MAX_CHARS}
 * characters for retrieval.
 *
 * <p>A passage never spans two sections, so it has one heading path and one PDF page and its
 * citation is exact. Inside a section, text is cut at a paragraph end once the passage has at least
 * {@value #MIN_CHARS} characters, else at a sentence end, and never inside a word; a sentence
 * longer than {@value #MAX_CHARS} characters (or text without punctuation) is cut at the last
 * space, preferably after a comma, colon or semicolon. Only a single "word" longer than that (a
 * huge URL, a base64 blob) is cut inside.
 *
 * <p>Consecutive passages of a section overlap by one sentence (the previous passage's last one,
 * when it is at most {@value #MAX_OVERLAP_CHARS} characters), so a fact stated across a cut is
 * found in either. A section's last passage that would be shorter than {@value #MIN_TAIL_CHARS}
 * characters is merged into the one before, which may then reach {@code MAX_CHARS +
 * MIN_TAIL_CHARS} characters. Sections shorter than the minimum make one short passage.
 *
 * <p>Stateless and thread-safe.
 */
public final class Chunker {
  /** A passage is cut at a paragraph end once it has this many characters. */
  public static final int MIN_CHARS = 600;

  /** The most characters of a passage (except a section's merged last one, see above). */
  public static final int MAX_CHARS = 900;

  /** The longest sentence repeated at the start of the next passage. */
  public static final int MAX_OVERLAP_CHARS = 300;

  /** The shortest last passage of a section kept on its own. */
  public static final int MIN_TAIL_CHARS = 150;

  private Chunker() {}

  /** The passages of a document, ordinals from 0 in reading order. */
  public static List<Chunk> chunk(Extracted document) {
    return chunk(document.sections());
  }

  /** The passages of {@code sections}, ordinals from 0 in order. */
  public static List<Chunk> chunk(List<Section> sections) {
    List<Chunk> out = new ArrayList<>();
    for (Section section : sections) {
      for (String text : split(section.text())) {
        out.add(new Chunk(out.size(), text, section.heading(), section.page()));
      }
    }
    return out;
  }

  /** One piece of text with what separates it from the previous one. */
  private record Unit(String text, String separator) {}

  /** The passages of one section's text. */
  static List<String> split(String text) {
    List<List<Unit>> paragraphs = new ArrayList<>();
    for (String paragraph : Texts.PARAGRAPH_BREAK.split(text.strip())) {
      List<Unit> units = new ArrayList<>();
      String[] lines = paragraph.strip().split("\n");
      for (int l = 0; l < lines.length; l++) {
        List<String> sentences = Texts.sentences(lines[l]);
        for (int s = 0; s < sentences.size(); s++) {
          String separator = units.isEmpty() ? "\n\n" : s == 0 ? "\n" : " ";
          for (String piece : cutLong(sentences.get(s))) {
            units.add(new Unit(piece, separator));
            separator = " ";
          }
        }
      }
      if (!units.isEmpty()) {
        paragraphs.add(units);
      }
    }

    List<String> chunks = new ArrayList<>();
    Builder current = new Builder();
    for (List<Unit> paragraph : paragraphs) {
      int length = 0;
      for (Unit u : paragraph) {
        length += u.text.length() + (length == 0 ? 0 : u.separator.length());
      }
      if (current.hasOwnText() && current.length() + 2 + length > MAX_CHARS && current.length() >= MIN_CHARS) {
        current = current.emitInto(chunks); // cut at the paragraph end
      }
      for (Unit u : paragraph) {
        if (current.hasOwnText() && current.length() + u.separator.length() + u.text.length() > MAX_CHARS) {
          current = current.emitInto(chunks); // cut at a sentence end
        }
        if (!current.fits(u)) {
          current = new Builder(); // the overlap and this sentence together are too long
        }
        current.add(u);
      }
    }
    if (current.hasOwnText()) {
      if (!chunks.isEmpty() && current.ownLength() < MIN_TAIL_CHARS) {
        int last = chunks.size() - 1;
        chunks.set(last, chunks.get(last) + current.ownTextWithSeparator());
      } else {
        chunks.add(current.text());
      }
    }
    return chunks;
  }

  /** A passage being built: units, the first of which may be the overlap from the previous one. */
  private static final class Builder {
    private final List<Unit> units = new ArrayList<>();
    private final boolean startsWithOverlap;
    private int length;

    Builder() {
      this.startsWithOverlap = false;
    }

    private Builder(Unit overlap) {
      this.startsWithOverlap = true;
      units.add(new Unit(overlap.text, ""));
      length = overlap.text.length();
    }

    boolean hasOwnText() {
      return units.size() > (startsWithOverlap ? 1 : 0);
    }

    int length() {
      return length;
    }

    int ownLength() {
      return ownTextWithSeparator().strip().length();
    }

    boolean fits(Unit u) {
      return units.isEmpty() || length + u.separator.length() + u.text.length() <= MAX_CHARS;
    }

    void add(Unit u) {
      length += (units.isEmpty() ? 0 : u.separator.length()) + u.text.length();
      units.add(u);
    }

    String text() {
      StringBuilder s = new StringBuilder(length);
      for (int i = 0; i < units.size(); i++) {
        Unit u = units.get(i);
        s.append(i == 0 ? "" : u.separator).append(u.text);
      }
      return s.toString();
    }

    /** The text after the overlap, with the separator that joins it to the previous passage. */
    String ownTextWithSeparator() {
      StringBuilder s = new StringBuilder();
      for (int i = startsWithOverlap ? 1 : 0; i < units.size(); i++) {
        Unit u = units.get(i);
        s.append(u.separator).append(u.text);
      }
      return s.toString();
    }

    /** Adds this passage to {@code chunks} and starts the next with this one's last sentence. */
    Builder emitInto(List<String> chunks) {
      chunks.add(text());
      Unit last = units.get(units.size() - 1);
      return last.text.length() <= MAX_OVERLAP_CHARS ? new Builder(last) : new Builder();
    }
  }

  /**
   * A sentence cut into pieces of at most {@link #MAX_CHARS}: at the last space of each window,
   * preferably right after a comma, semicolon or colon in its second half.
   */
  private static List<String> cutLong(String sentence) {
    List<String> pieces = new ArrayList<>();
    String rest = sentence;
    while (rest.length() > MAX_CHARS) {
      int cut = -1;
      for (int i = MAX_CHARS - 1; i >= MAX_CHARS / 2; i--) {
        char c = rest.charAt(i);
        if ((c == ',' || c == ';' || c == ':') && rest.charAt(i + 1) == ' ') {
          cut = i + 1;
          break;
        }
      }
      if (cut < 0) {
        cut = rest.lastIndexOf(' ', MAX_CHARS);
      }
      if (cut <= 0) {
        cut = MAX_CHARS; // one "word" longer than a passage
      }
      pieces.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }
}
