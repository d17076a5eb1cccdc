package com.ngx.agent.internal.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns an uploaded file into plain text {@link Section}s: text, Markdown, HTML and PDF.
 *
 * <p>The format comes from the declared media type (parameters such as {@code charset} ignored);
 * when none is declared, or only a generic one ({@code application/octet-stream}), from the file
 * name's extension ({@code .txt .md .markdown .html .htm .pdf}). A file declared {@code text/plain}
 * whose name ends in a Markdown or HTML extension is read as that format, since browsers and
 * command-line clients often send {@code text/plain} for them. Anything else is rejected.
 *
 * <p>Every problem with the file is a {@link KnowledgeException} on the field {@code file} with a
 * message for the uploader. Limits: {@link KnowledgeLimits}. Stateless and thread-safe.
 */
public final class DocumentText {
  /** Plain text: paragraphs separated by blank lines; short title-like lines become headings. */
  public static final String TEXT = "text/plain";

  /** Markdown (CommonMark): headings become sections, the first {@code #} heading the title. */
  public static final String MARKDOWN = "text/markdown";

  /** HTML: headings become sections; scripts, styles, navigation and footers are dropped. */
  public static final String HTML = "text/html";

  /** PDF: one section per page and title-like line, with its page number. */
  public static final String PDF = "application/pdf";

  /** CommonMark's parser is immutable and thread-safe. */
  private static final Parser MARKDOWN_PARSER = Parser.builder().build();

  private static final String SUPPORTED = "upload text, Markdown, HTML or PDF";

  private static final Map<String, String> BY_EXTENSION =
      Map.of("txt", TEXT, "text", TEXT, "md", MARKDOWN, "markdown", MARKDOWN, "html", HTML, "htm", HTML, "pdf", PDF);

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry(TEXT, TEXT),
          Map.entry(MARKDOWN, MARKDOWN),
          Map.entry("text/x-markdown", MARKDOWN),
          Map.entry("text/md", MARKDOWN),
          Map.entry("application/markdown", MARKDOWN),
          Map.entry(HTML, HTML),
          Map.entry("application/xhtml+xml", HTML),
          Map.entry(PDF, PDF),
          Map.entry("application/x-pdf", PDF),
          Map.entry("application/acrobat", PDF));

  /** Declared types that say nothing about the format. */
  private static final Set<String> GENERIC =
      Set.of("", "application/octet-stream", "binary/octet-stream", "application/unknown", "application/binary", "*/*");

  /** HTML elements whose content is never knowledge: code, chrome, navigation and widgets. */
  private static final String HTML_NOISE =
      "script, style, noscript, template, nav, footer, svg, iframe, object, embed, canvas, button, select,"
          + " [hidden], [aria-hidden=true], [role=navigation], [role=contentinfo]";

  private static final Set<String> HTML_BLOCKS =
      Set.of(
          "p", "div", "section", "article", "main", "aside", "header", "ul", "ol", "dl", "table", "thead",
          "tbody", "tfoot", "blockquote", "pre", "figure", "figcaption", "address", "hr", "details",
          "summary", "form", "fieldset", "body");

  private static final Set<String> HTML_LINES = Set.of("li", "tr", "dt", "dd", "br", "caption", "option");

  private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\n(.{0,4000}?)\\n(?:---|\\.\\.\\.)\\n", Pattern.DOTALL);
  private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("(?m)^title:\\s*[\"']?(.+?)[\"']?\\s*$");

  private DocumentText() {}

  /**
   * Extracts the text of an uploaded file.
   *
   * @param fileName the uploaded file's name (a path is tolerated), used for the type when {@code
   *     mediaType} is missing or generic, and as the title when the document has none
   * @param mediaType the declared media type, or {@code null}
   * @param content the file's bytes
   * @return the document's title and sections, at least one
   * @throws KnowledgeException on the field {@code file} when the file is empty, too large, of an
   *     unsupported type, unreadable, encrypted, or has no text
   */
  public static Extracted extract(String fileName, String mediaType, byte[] content) {
    if (content == null || content.length == 0) {
      throw new KnowledgeException(KnowledgeException.FILE, "the file is empty");
    }
    if (content.length > KnowledgeLimits.MAX_CONTENT_BYTES) {
      throw new KnowledgeException(KnowledgeException.FILE, KnowledgeLimits.tooLarge(content.length));
    }
    String type = mediaType(fileName, mediaType);
    String name = baseName(fileName);
    return switch (type) {
      case TEXT -> text(name, content);
      case MARKDOWN -> markdown(name, content);
      case HTML -> html(name, content);
      case PDF -> pdf(name, content);
      default -> throw new IllegalStateException(type);
    };
  }

  /**
   * The supported media type a file is read as, see the class comment.
   *
   * @throws KnowledgeException when the type is not supported
   */
  public static String mediaType(String fileName, String declared) {
    String d = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String ext = extension(fileName);
    String byExtension = ext == null ? null : BY_EXTENSION.get(ext);
    if (GENERIC.contains(d)) {
      if (byExtension != null) {
        return byExtension;
      }
      throw new KnowledgeException(
          KnowledgeException.FILE,
          ext == null
              ? "unknown file type: upload text (.txt), Markdown (.md), HTML (.html) or PDF (.pdf)"
              : "unsupported file type ." + ext + ": " + SUPPORTED);
    }
    String type = ALIASES.get(d);
    if (type == null) {
      throw new KnowledgeException(KnowledgeException.FILE, "unsupported type " + d + ": " + SUPPORTED);
    }
    if (type.equals(TEXT) && (MARKDOWN.equals(byExtension) || HTML.equals(byExtension))) {
      return byExtension;
    }
    return type;
  }

  // ---- plain text ------------------------------------------------------------------------------

  private static Extracted text(String name, byte[] content) {
    String text = decode(content);
    checkTextLength(text);
    List<String> paragraphs = Texts.paragraphs(text);
    if (paragraphs.isEmpty()) {
      throw new KnowledgeException(KnowledgeException.FILE, "the file is empty");
    }
    SectionCollector sections = new SectionCollector(0);
    addUnstructured(sections, paragraphs);
    return new Extracted(TEXT, name, sections.finish());
  }

  // ---- Markdown --------------------------------------------------------------------------------

  private static Extracted markdown(String name, byte[] content) {
    String text = decode(content).replace("\r\n", "\n").replace('\r', '\n');
    checkTextLength(text);
    String title = null;
    Matcher front = FRONT_MATTER.matcher(text);
    if (front.find()) {
      Matcher t = FRONT_MATTER_TITLE.matcher(front.group(1));
      title = t.find() ? Texts.collapse(t.group(1)) : null;
      text = text.substring(front.end());
    }
    Node document = MARKDOWN_PARSER.parse(text);
    int h1 = 0;
    String firstH1 = null;
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h && h.getLevel() == 1) {
        h1++;
        if (firstH1 == null) {
          firstH1 = Texts.collapse(inline(h));
        }
      }
    }
    SectionCollector sections = new SectionCollector(h1 == 1 ? 1 : 0);
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      markdownBlock(n, sections, false);
    }
    List<Section> result = sections.finish();
    if (result.isEmpty()) {
      throw new KnowledgeException(KnowledgeException.FILE, "the file is empty");
    }
    if (title == null || title.isEmpty()) {
      title = firstH1 == null || firstH1.isEmpty() ? name : firstH1;
    }
    return new Extracted(MARKDOWN, title, result);
  }

  private static void markdownBlock(Node node, SectionCollector out, boolean inList) {
    if (node instanceof Heading h) {
      out.heading(h.getLevel(), inline(h));
    } else if (node instanceof Paragraph) {
      markdownInline(node, out);
      if (inList) {
        out.endLine();
      } else {
        out.endParagraph();
      }
    } else if (node instanceof ListBlock) {
      for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
        markdownBlock(item, out, true);
      }
      if (!inList) {
        out.endParagraph();
      }
    } else if (node instanceof ListItem || node instanceof BlockQuote) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        markdownBlock(child, out, inList || node instanceof ListItem);
      }
      if (!inList && node instanceof BlockQuote) {
        out.endParagraph();
      }
    } else if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
      String literal = node instanceof FencedCodeBlock f ? f.getLiteral() : ((IndentedCodeBlock) node).getLiteral();
      for (String line : literal.split("\n")) {
        out.text(line);
        out.endLine();
      }
      out.endParagraph();
    } else if (node instanceof HtmlBlock html) {
      out.text(Jsoup.parseBodyFragment(html.getLiteral()).body().text());
      out.endParagraph();
    } else if (node instanceof ThematicBreak) {
      out.endParagraph();
    } else {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        markdownBlock(child, out, inList);
      }
    }
  }

  private static void markdownInline(Node node, SectionCollector out) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        out.text(t.getLiteral());
      } else if (n instanceof Code c) {
        out.text(c.getLiteral());
      } else if (n instanceof SoftLineBreak) {
        out.text(" ");
      } else if (n instanceof HardLineBreak) {
        out.endLine();
      } else if (!(n instanceof HtmlInline)) {
        markdownInline(n, out); // emphasis, links, images (their alt text)
      }
    }
  }

  /** The plain text of an inline container such as a heading. */
  private static String inline(Node node) {
    StringBuilder s = new StringBuilder();
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        s.append(t.getLiteral());
      } else if (n instanceof Code c) {
        s.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        s.append(' ');
      } else if (!(n instanceof HtmlInline)) {
        s.append(inline(n));
      }
    }
    return s.toString();
  }

  // ---- HTML ------------------------------------------------------------------------------------

  private static Extracted html(String name, byte[] content) {
    Document document;
    try {
      document = Jsoup.parse(new ByteArrayInputStream(content), null, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from memory
    }
    document.select(HTML_NOISE).remove();
    String title = Texts.collapse(document.title());
    var h1s = document.body().select("h1");
    if (title.isEmpty() && !h1s.isEmpty()) {
      title = Texts.collapse(h1s.first().text());
    }
    SectionCollector sections = new SectionCollector(h1s.size() == 1 ? 1 : 0);
    NodeTraversor.filter(new HtmlWalker(sections), document.body());
    List<Section> result = sections.finish();
    if (result.isEmpty()) {
      throw new KnowledgeException(KnowledgeException.FILE, "the page has no readable text");
    }
    return new Extracted(HTML, title.isEmpty() ? name : title, result);
  }

  /** Walks an HTML body: headings start sections, blocks end paragraphs, list items end lines. */
  private static final class HtmlWalker implements NodeFilter {
    private final SectionCollector out;
    private int pre;

    HtmlWalker(SectionCollector out) {
      this.out = out;
    }

    @Override
    public FilterResult head(org.jsoup.nodes.Node node, int depth) {
      if (node instanceof TextNode t) {
        if (pre > 0) {
          String[] lines = t.getWholeText().split("\n", -1);
          for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
              out.endLine();
            }
            out.text(lines[i]);
          }
        } else {
          out.text(t.getWholeText());
        }
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE; // comments, data
      }
      String tag = e.normalName();
      if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
        out.heading(tag.charAt(1) - '0', e.text());
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("img")) {
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("tr")) {
        // a row on one line: "label: value" for two cells (the common key/value table), else cells
        // separated by " | "; nested tables are flattened into their cell's text
        List<String> cells = new ArrayList<>();
        for (Element cell : e.children()) {
          if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
            String text = Texts.collapse(cell.text());
            if (!text.isEmpty()) {
              cells.add(text);
            }
          }
        }
        out.endLine();
        out.text(cells.size() == 2 ? cells.get(0) + ": " + cells.get(1) : String.join(" | ", cells));
        out.endLine();
        return FilterResult.SKIP_ENTIRELY;
      }
      if (HTML_BLOCKS.contains(tag)) {
        out.endParagraph();
      } else if (HTML_LINES.contains(tag)) {
        out.endLine();
      }
      if (tag.equals("pre")) {
        pre++;
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(org.jsoup.nodes.Node node, int depth) {
      if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("pre")) {
          pre--;
        }
        if (HTML_BLOCKS.contains(tag)) {
          out.endParagraph();
        } else if (HTML_LINES.contains(tag)) {
          out.endLine();
        }
      }
      return FilterResult.CONTINUE;
    }
  }

  // ---- PDF -------------------------------------------------------------------------------------

  private static Extracted pdf(String name, byte[] content) {
    try (PDDocument pdf = Loader.loadPDF(content)) {
      if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
        throw new KnowledgeException(
            KnowledgeException.FILE, "the PDF does not allow copying its text: upload a copy without protection");
      }
      int pages = pdf.getNumberOfPages();
      if (pages > KnowledgeLimits.MAX_PDF_PAGES) {
        throw new KnowledgeException(KnowledgeException.FILE, KnowledgeLimits.tooManyPages(pages));
      }
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setLineSeparator("\n");
      stripper.setParagraphEnd("\n\n");
      SectionCollector sections = new SectionCollector(0);
      for (int p = 1; p <= pages; p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        String text = stripper.getText(pdf);
        sections.page(p);
        addUnstructured(sections, Texts.paragraphs(text));
      }
      List<Section> result = sections.finish();
      if (result.isEmpty()) {
        throw new KnowledgeException(KnowledgeException.FILE, "the PDF has no extractable text (is it scanned?)");
      }
      String title = Texts.collapse(pdf.getDocumentInformation().getTitle());
      return new Extracted(PDF, title.isEmpty() ? name : title, result);
    } catch (InvalidPasswordException e) {
      throw new KnowledgeException(
          KnowledgeException.FILE, "the PDF is password-protected: upload a copy without a password", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KnowledgeException k) {
        throw k;
      }
      throw new KnowledgeException(KnowledgeException.FILE, "the file is not a readable PDF", e);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Adds paragraphs of text without markup: a paragraph that reads as a heading ({@link
   * Texts#isHeadingLine}) and is followed by text starts a section, so topics of a PDF page or a
   * text file become passages of their own with a heading to cite. A page that starts without a
   * heading continues the previous page's.
   */
  private static void addUnstructured(SectionCollector sections, List<String> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      boolean followedByText = i + 1 < paragraphs.size() && !Texts.isHeadingLine(paragraphs.get(i + 1));
      if (followedByText && Texts.isHeadingLine(p)) {
        sections.heading(1, p);
      } else {
        sections.paragraph(p);
      }
    }
  }

  /**
   * The text of a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252
   * (which also reads Latin-1), the usual encodings of files saved by hand.
   */
  static String decode(byte[] b) {
    String text;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    } else {
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b))
                .toString();
      } catch (CharacterCodingException e) {
        text = new String(b, Charset.forName("windows-1252"));
      }
    }
    if (text.indexOf('\0') >= 0) {
      throw new KnowledgeException(KnowledgeException.FILE, "the file is not text (it contains binary data): " + SUPPORTED);
    }
    return text;
  }

  private static void checkTextLength(String text) {
    if (text.length() > KnowledgeLimits.MAX_TEXT_CHARS) {
      throw new KnowledgeException(KnowledgeException.FILE, KnowledgeLimits.tooMuchText());
    }
  }

  private static String extension(String fileName) {
    String base = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    int dot = base.lastIndexOf('.');
    return dot <= 0 || dot == base.length() - 1 ? null : base.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
  }

  /** The file name without directories and without a known extension; "Untitled" when blank. */
  static String baseName(String fileName) {
    String base = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String ext = extension(base);
    if (ext != null && BY_EXTENSION.containsKey(ext)) {
      base = base.substring(0, base.length() - ext.length() - 1);
    }
    base = Texts.collapse(base);
    return base.isEmpty() ? "Untitled" : base;
  }
}
