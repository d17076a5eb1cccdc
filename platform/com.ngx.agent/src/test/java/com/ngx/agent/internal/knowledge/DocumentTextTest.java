package com.ngx.agent.internal.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentTextTest {

  // ---- PDF -------------------------------------------------------------------------------------

  @Test
  void pdfTextIsExtractedPerPageWithPageNumbersAndHeadings() {
    byte[] pdf = Pdfs.of("Membership terms", GymKnowledge.TERMS_PAGES);

    Extracted doc = DocumentText.extract("terms.pdf", "application/pdf", pdf);

    assertEquals("application/pdf", doc.mediaType());
    assertEquals("Membership terms", doc.title()); // from the document information
    assertEquals(
        List.of(1, 2, 3, 3), doc.sections().stream().map(Section::page).toList(), "one section per page and heading");
    assertEquals(
        List.of("Membership terms and conditions", "Cancelling your membership", "Freezing your membership", "Guests"),
        doc.sections().stream().map(Section::heading).toList());
    Section cancel = doc.sections().get(1);
    assertTrue(cancel.text().contains("thirty days notice"), cancel.text());
    assertTrue(cancel.text().contains("\n\nThere is no cancellation fee."), "paragraphs are kept: " + cancel.text());
    assertFalse(cancel.text().contains("\n\n\n"));
    assertTrue(doc.sections().get(0).text().contains("administration charge of $10"));
    assertTrue(doc.sections().get(2).text().contains("freeze their membership"));
    // lines wrapped by the PDF's layout are joined back into one paragraph
    assertFalse(doc.sections().get(2).text().contains("year, for example during\n"));
  }

  @Test
  void pdfWithoutTextIsRejectedAsScanned() {
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> DocumentText.extract("scan.pdf", "application/pdf", Pdfs.blank(2, true)));
    assertEquals("file", e.field());
    assertEquals("the PDF has no extractable text (is it scanned?)", e.getMessage());
  }

  @Test
  void passwordProtectedPdfIsRejected() throws IOException {
    byte[] protectedPdf;
    try (PDDocument doc = Loader.loadPDF(Pdfs.of("Secret", List.of("Secret prices")))) {
      doc.protect(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      protectedPdf = out.toByteArray();
    }
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> DocumentText.extract("secret.pdf", "application/pdf", protectedPdf));
    assertEquals("file", e.field());
    assertEquals("the PDF is password-protected: upload a copy without a password", e.getMessage());
  }

  @Test
  void pdfWithMoreThanTheMaximumPagesIsRejected() {
    byte[] pdf = Pdfs.blank(KnowledgeLimits.MAX_PDF_PAGES + 1, false);
    KnowledgeException e = assertThrows(KnowledgeException.class, () -> DocumentText.extract("big.pdf", null, pdf));
    assertEquals("the PDF has 1001 pages: the limit is 1,000, split it into smaller files", e.getMessage());
  }

  @Test
  void brokenPdfIsRejected() {
    KnowledgeException e =
        assertThrows(
            KnowledgeException.class,
            () -> DocumentText.extract("x.pdf", "application/pdf", "this is not a PDF".getBytes(StandardCharsets.UTF_8)));
    assertEquals("file", e.field());
    assertEquals("the file is not a readable PDF", e.getMessage());
  }

  // ---- HTML ------------------------------------------------------------------------------------

  @Test
  void htmlDropsScriptsStylesNavigationAndFooterAndKeepsHeadingsAsSections() {
    Extracted doc = DocumentText.extract("gym-hours.html", "text/html; charset=utf-8", GymKnowledge.resource("gym-hours.html"));

    assertEquals("text/html", doc.mediaType());
    assertEquals("Opening hours and classes | FitLife Gym", doc.title());
    String all = doc.text();
    for (String dropped : List.of("secret-analytics-id", "footer script", "font-family", "Contact us", "Cookie settings")) {
      assertFalse(all.contains(dropped), dropped + " must be dropped: " + all);
    }
    // the single h1 is the page's title, so it is left out of heading paths
    assertEquals(
        Arrays.asList(null, "Gym floor", "Group classes"), doc.sections().stream().map(Section::heading).toList());
    Section floor = doc.sections().get(1);
    assertTrue(floor.text().startsWith("Days: Hours\nMonday to Friday: 6:00 to 22:00\nSaturday: 8:00 to 20:00\nSunday: 9:00 to 18:00\n\n"), floor.text());
    Section classes = doc.sections().get(2);
    assertTrue(classes.text().contains("\n\nYoga: Monday and Wednesday at 7:00 and 19:00.\nSpinning:"), "list items are lines: " + classes.text());
    assertTrue(classes.text().contains("up to seven days ahead. If you cannot come"), "whitespace collapsed: " + classes.text());
  }

  @Test
  void htmlTitleFallsBackToTheFirstH1AndNestedHeadingsMakeAPath() {
    String html =
        "<html><body><h1>Pricing</h1><p>Intro.</p><h2>Plans</h2><h3>Family</h3><p>Two adults &amp; kids.</p>"
            + "<h2>Extras</h2><p>Towels &nbsp; $3.</p><div hidden>invisible</div><aside role=navigation>menu</aside></body></html>";

    Extracted doc = DocumentText.extract("pricing.html", null, html.getBytes(StandardCharsets.UTF_8));

    assertEquals("Pricing", doc.title());
    assertEquals(
        List.of(new Section(null, null, "Intro."), new Section("Plans › Family", null, "Two adults & kids."), new Section("Extras", null, "Towels $3.")),
        doc.sections());
  }

  // ---- Markdown --------------------------------------------------------------------------------

  @Test
  void markdownHeadingsBecomeSections() {
    Extracted doc = DocumentText.extract("gym-prices.md", "text/markdown", GymKnowledge.resource("gym-prices.md"));

    assertEquals("text/markdown", doc.mediaType());
    assertEquals("FitLife memberships and prices", doc.title()); // from the front matter
    assertEquals(
        Arrays.asList(null, "Monthly plans", "Discounts", "Passes", "Joining fee"),
        doc.sections().stream().map(Section::heading).toList());
    Section plans = doc.sections().get(1);
    assertTrue(
        plans.text().startsWith("Basic: $29 per month. Access to the gym floor and the changing rooms from 6:00 to 22:00.\nPremium: $49 per month."),
        "list items are lines, soft breaks spaces: " + plans.text());
    assertTrue(plans.text().contains("\n\nThe minimum term"), plans.text());
  }

  @Test
  void markdownNestedHeadingsInlineMarkupCodeAndHtml() {
    String md =
        "Preamble with *emphasis* and a [link](https://example.com).\n\n"
            + "# Guide\n\n# Second top heading\n\n## Setup\n\n### Install\n\nRun `ngx install`:\n\n```\nstep one\nstep two\n```\n\n"
            + "<div><script>alert('x')</script><p>Inline HTML block.</p></div>\n\n> A quote.\n\n---\n\n## Usage\n\n1. first\n2. second\n";

    Extracted doc = DocumentText.extract("guide.md", null, md.getBytes(StandardCharsets.UTF_8));

    assertEquals("Guide", doc.title()); // the first h1 (two h1s: both stay in the paths)
    assertEquals(
        List.of(
            new Section(null, null, "Preamble with emphasis and a link."),
            new Section("Second top heading › Setup › Install", null, "Run ngx install:\n\nstep one\nstep two\n\nInline HTML block.\n\nA quote."),
            new Section("Second top heading › Usage", null, "first\nsecond")),
        doc.sections());
  }

  // ---- plain text ------------------------------------------------------------------------------

  @Test
  void plainTextKeepsParagraphsNormalisesWhitespaceAndFindsHeadingLines() {
    String text =
        "\uFEFFOpening hours\r\n\r\nWe open   at 6:00\r\nand close at 22:00.\r\n\r\n\r\n"
            + "Prices\n\nWhat you pay:\n- Basic $29\n- Premium $49\n\nThe end\n";

    Extracted doc = DocumentText.extract("C:\\docs\\faq.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));

    assertEquals("faq", doc.title()); // the file name without directories and extension
    assertEquals(
        List.of(
            new Section("Opening hours", null, "We open at 6:00 and close at 22:00."),
            new Section("Prices", null, "What you pay:\n- Basic $29\n- Premium $49\n\nThe end")),
        doc.sections());
  }

  @Test
  void textInWindows1252IsDecoded() {
    byte[] latin = "Café con leche: 2 €".getBytes(Charset.forName("windows-1252"));
    assertEquals("Café con leche: 2 €", DocumentText.extract("menu.txt", null, latin).text());
  }

  // ---- types and limits ------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        // no declared type: the extension decides
        "a.md, NULL, text/markdown",
        "a.markdown, '', text/markdown",
        "A.PDF, NULL, application/pdf",
        // a generic declared type: the extension decides
        "a.htm, application/octet-stream, text/html",
        // parameters and case of the declared type are ignored
        "a.txt, Text/Plain; charset=UTF-8, text/plain",
        // text/plain for a Markdown or HTML file: the extension is more precise
        "notes.md, text/plain, text/markdown",
        "page.html, text/plain, text/html",
        // aliases
        "a, text/x-markdown, text/markdown",
        "a.bin, application/xhtml+xml, text/html",
        "a, application/x-pdf, application/pdf",
        // a specific declared type wins over the extension
        "report.txt, application/pdf, application/pdf"
      })
  void mediaTypeComesFromTheDeclaredTypeThenTheExtension(String fileName, String declared, String expected) {
    assertEquals(expected, DocumentText.mediaType(fileName, declared));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      delimiter = '|',
      value = {
        "a.zip | application/zip | unsupported type application/zip: upload text, Markdown, HTML or PDF",
        "a.docx | NULL | unsupported file type .docx: upload text, Markdown, HTML or PDF",
        "README | application/octet-stream | unknown file type: upload text (.txt), Markdown (.md), HTML (.html) or PDF (.pdf)"
      })
  void unsupportedTypesAreRejectedOnTheFileField(String fileName, String declared, String message) {
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> DocumentText.extract(fileName, declared, new byte[] {1, 2, 3}));
    assertEquals("file", e.field());
    assertEquals(message, e.getMessage());
  }

  @Test
  void emptyFilesAreRejected() {
    for (byte[] content : Arrays.asList(null, new byte[0], " \n\t \r\n ".getBytes(StandardCharsets.UTF_8))) {
      KnowledgeException e = assertThrows(KnowledgeException.class, () -> DocumentText.extract("a.txt", "text/plain", content));
      assertEquals("file", e.field());
      assertEquals("the file is empty", e.getMessage());
    }
    KnowledgeException html =
        assertThrows(
            KnowledgeException.class,
            () -> DocumentText.extract("a.html", null, "<html><script>x()</script><nav>Home</nav></html>".getBytes(StandardCharsets.UTF_8)));
    assertEquals("the page has no readable text", html.getMessage());
  }

  @Test
  void tooLargeFilesAndTooMuchTextAreRejected() {
    KnowledgeException size =
        assertThrows(
            KnowledgeException.class,
            () -> DocumentText.extract("a.txt", "text/plain", new byte[KnowledgeLimits.MAX_CONTENT_BYTES + 1]));
    assertEquals("file", size.field());
    assertEquals("the file is too large (10.0 MiB): the limit is 10 MiB, split it into smaller files", size.getMessage());

    byte[] text = "word ".repeat(KnowledgeLimits.MAX_TEXT_CHARS / 5 + 1).getBytes(StandardCharsets.UTF_8);
    KnowledgeException chars = assertThrows(KnowledgeException.class, () -> DocumentText.extract("a.txt", null, text));
    assertEquals("the document has more than 2,000,000 characters of text: split it into smaller files", chars.getMessage());

    String html = "<p>" + "word ".repeat(100) + "</p>";
    byte[] page = ("<html><body>" + html.repeat(KnowledgeLimits.MAX_TEXT_CHARS / 500 + 10) + "</body></html>").getBytes(StandardCharsets.UTF_8);
    KnowledgeException htmlChars = assertThrows(KnowledgeException.class, () -> DocumentText.extract("a.html", null, page));
    assertEquals(chars.getMessage(), htmlChars.getMessage());
  }

  @Test
  void binaryContentDeclaredAsTextIsRejected() {
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> DocumentText.extract("a.txt", "text/plain", new byte[] {'a', 0, 'b', 0}));
    assertEquals("the file is not text (it contains binary data): upload text, Markdown, HTML or PDF", e.getMessage());
  }

  @Test
  void untitledDocumentsAreNamedAfterTheirFile() {
    assertEquals("Untitled", DocumentText.baseName(null));
    assertEquals("price list", DocumentText.baseName("/tmp/uploads/price list.TXT"));
    assertEquals("archive.tar", DocumentText.baseName("archive.tar"));
    assertNull(DocumentText.extract("x.md", null, "just text".getBytes(StandardCharsets.UTF_8)).sections().get(0).heading());
  }
}
