package com.ngx.agent.internal.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real PDFs for tests, written with PDFBox: one page per string, paragraphs split on blank lines. */
final class Pdfs {
  private static final float MARGIN = 60;
  private static final float FONT_SIZE = 11;
  private static final float LEADING = 15;

  private Pdfs() {}

  /** A PDF with a title in its document information and the given pages of text. */
  static byte[] of(String title, List<String> pages) {
    try (PDDocument doc = new PDDocument()) {
      doc.getDocumentInformation().setTitle(title);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float width = page.getMediaBox().getWidth() - 2 * MARGIN;
        try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
          out.beginText();
          out.setFont(font, FONT_SIZE);
          out.setLeading(LEADING);
          out.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
          for (String paragraph : text.split("\n\n")) {
            for (String line : wrap(paragraph.replace('\n', ' '), font, width)) {
              out.showText(line);
              out.newLine();
            }
            out.newLine(); // a blank line between paragraphs
          }
          out.endText();
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF of {@code pages} empty pages, or pages with only a drawn shape (an "image-only" scan). */
  static byte[] blank(int pages, boolean drawing) {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        if (drawing) {
          try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
            out.addRect(100, 100, 300, 400);
            out.fill();
          }
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String text, PDType1Font font, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (font.getStringWidth(candidate) / 1000 * FONT_SIZE > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      } else {
        line.setLength(0);
        line.append(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
