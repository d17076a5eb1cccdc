package com.ngx.billing.internal.pdf;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Turns any string into text the standard 14 PDF fonts can show, which only encode the
 * WinAnsiEncoding (Windows-1252) repertoire.
 */
final class WinAnsiText {
  private static final GlyphList GLYPHS = GlyphList.getAdobeGlyphList();

  private WinAnsiText() {}

  /**
   * One line of showable text: control characters and every kind of space or line break become a
   * space, invisible formatting and combining marks the font cannot show (bidi marks, zero-width
   * joiners, variation selectors, soft hyphens) are dropped, a letter the font lacks falls back to
   * its base letter when it has one ({@code ő} → {@code o}), and anything else becomes {@code ?}.
   *
   * @param s any text, or {@code null} (gives {@code ""})
   */
  static String clean(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    // compose first, so "e" + U+0301 becomes the encodable "é"
    String n = Normalizer.normalize(s, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        out.append(' ');
      } else if (type == Character.FORMAT) {
        continue;
      } else if (encodable(cp)) {
        out.appendCodePoint(cp);
      } else if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      } else {
        out.append(baseLetter(cp));
      }
    }
    return out.toString();
  }

  /**
   * The text's lines, split at any line break, each {@link #clean cleaned}; {@code null} or empty
   * text has no lines.
   */
  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    for (String line : s.split("\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]", -1)) {
      out.add(clean(line));
    }
    return out;
  }

  /** Whether the standard 14 fonts (all WinAnsiEncoding) have a code for the code point. */
  static boolean encodable(int cp) {
    if (cp > 0xFFFF) {
      return false;
    }
    String name = GLYPHS.codePointToName(cp);
    // PDType1Font.encode accepts exactly these for a standard 14 font
    return !".notdef".equals(name) && WinAnsiEncoding.INSTANCE.contains(name);
  }

  private static char baseLetter(int cp) {
    if (Character.isLetter(cp)) {
      String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
      char base = d.charAt(0);
      if (d.length() > 1 && !Character.isSurrogate(base) && encodable(base)) {
        return base;
      }
    }
    return '?';
  }
}
