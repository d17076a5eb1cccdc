package com.ngx.billing.internal.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.billing.internal.pdf.InvoiceDocument.Customer;
import com.ngx.billing.internal.pdf.InvoiceDocument.Issuer;
import com.ngx.billing.internal.pdf.InvoiceDocument.Kind;
import com.ngx.billing.internal.pdf.InvoiceDocument.Line;
import com.ngx.billing.internal.pdf.InvoiceDocument.Status;
import com.ngx.billing.internal.pdf.InvoiceDocument.TaxLine;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoicePdfTest {
  private static final LocalDate ISSUED = LocalDate.of(2026, 11, 24);

  @BeforeAll
  static void headless() {
    // the logo fixtures use java.awt; no display on build machines
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void typicalInvoiceShowsEverythingWithExactAmounts() throws IOException {
    byte[] bytes = InvoicePdf.render(invoice(Kind.INVOICE, Status.OPEN, "USD", lines(3), null));

    assertTrue(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      assertEquals(1, pdf.getNumberOfPages());
      String text = new PDFTextStripper().getText(pdf);
      for (String expected : List.of(
          "Invoice",
          "INV-2026-000123",
          "Acme Cloud GmbH",
          "Musterstraße 1",
          "DE123456789",
          "Globex Corporation",
          "billing@globex.example",
          "Pro plan seat 1",
          "Pro plan seat 2",
          "Pro plan seat 3",
          "1 Nov 2026 – 30 Nov 2026",
          "499.00 USD",
          "1,497.00 USD",
          "VAT (19%)",
          "284.43 USD",
          "1,781.43 USD",
          "Subtotal 1,497.00 USD",
          "VAT (19%) 284.43 USD",
          "Total 1,781.43 USD",
          "Credit applied 100.00 USD",
          "Amount paid 0.00 USD",
          "Amount due 1,681.43 USD",
          "1,681.43 USD due 24 Dec 2026",
          "Date due",
          "24 Dec 2026",
          "IBAN DE89 3704 0044 0532 0130 00",
          "Page 1 of 1")) {
        assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in:\n" + text);
      }
      assertFalse(text.contains("PAID"), "an open invoice has no stamp");
      assertEquals("Invoice INV-2026-000123", pdf.getDocumentInformation().getTitle());
      assertEquals("Acme Cloud GmbH", pdf.getDocumentInformation().getAuthor());
      Calendar created = pdf.getDocumentInformation().getCreationDate();
      created.setTimeZone(TimeZone.getTimeZone("UTC"));
      assertEquals(2026, created.get(Calendar.YEAR));
      assertEquals(Calendar.NOVEMBER, created.get(Calendar.MONTH));
      assertEquals(24, created.get(Calendar.DAY_OF_MONTH));
    }
  }

  @Test
  void creditNoteShowsItsTitleAndTheOriginalInvoice() throws IOException {
    String text = text(InvoicePdf.render(invoice(Kind.CREDIT_NOTE, Status.OPEN, "USD", lines(1),
        null)));

    assertTrue(text.contains("Credit note"), text);
    assertTrue(text.contains("Original invoice"), text);
    assertTrue(text.contains("INV-2026-000100"), text);
    assertFalse(text.contains("USD due"), "no payment request on a credit note");
  }

  @Test
  void manyLinesFlowOntoFurtherPagesWithTheHeaderRepeated() throws IOException {
    byte[] bytes = InvoicePdf.render(invoice(Kind.INVOICE, Status.OPEN, "USD", lines(120), null));

    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      int pages = pdf.getNumberOfPages();
      assertTrue(pages >= 3, "pages: " + pages);
      PDFTextStripper stripper = new PDFTextStripper();
      String all = stripper.getText(pdf);
      for (int i = 1; i <= 120; i++) {
        assertTrue(all.contains("Pro plan seat " + i + "\n") || all.contains("Pro plan seat " + i
            + " "), "line " + i);
      }
      for (int page = 1; page <= pages; page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String text = stripper.getText(pdf);
        assertTrue(text.contains("Page " + page + " of " + pages), text);
        if (page > 1) {
          assertTrue(text.contains("INV-2026-000123"), "continuation header on page " + page);
        }
        if (text.contains("Pro plan seat")) {
          assertTrue(text.contains("Description") && text.contains("Unit price"),
              "table header on page " + page);
        }
      }
    }
  }

  @Test
  void hostileTextRendersWithoutFailing() throws IOException {
    String emoji = "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83D\uDC4D\uD83C\uDFFD";
    String cjk = "請求書 株式会社 테스트";
    String rtl = "\u202Eשלום עולם مرحبا بالعالم\u202C";
    String controls = "a\u0000b\u0007c\tb\u001Bd\u007F\u0085e\uFEFF\u200Bf\u00AD";
    String loneSurrogates = "x\uD800y\uDFFFz";
    String hostile = emoji + " " + cjk + " " + rtl + " " + controls + " " + loneSurrogates;
    String unbroken = "x".repeat(10_000);
    String words = "lorem ipsum ".repeat(850);
    List<Line> lines = List.of(
        new Line(hostile, new BigDecimal("1E+40"), Long.MAX_VALUE, Long.MIN_VALUE, hostile),
        new Line(unbroken, BigDecimal.ONE, 1, 1, null),
        new Line(words, new BigDecimal("0.000000000000000000000000000000000001"), 1, 1, rtl),
        new Line("", BigDecimal.ZERO, 0, 0, ""));
    Issuer issuer = new Issuer(hostile + unbroken, List.of(hostile, "line\nbreak\r\nmore",
        unbroken), hostile, hostile, "#GGGGGG" + hostile, new byte[0]);
    Customer customer = new Customer(hostile, List.of(hostile, unbroken), hostile, unbroken,
        hostile);
    InvoiceDocument doc = new InvoiceDocument(Kind.CREDIT_NOTE, hostile + unbroken,
        Status.UNCOLLECTIBLE, ISSUED, ISSUED, hostile + unbroken, issuer, customer, lines, "EUR",
        Long.MAX_VALUE, List.of(new TaxLine(hostile + unbroken, new BigDecimal("-1E-50"), 1)),
        Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, hostile + unbroken,
        String.join("\n", hostile, unbroken, words, controls), hostile + "\n" + words + unbroken);

    byte[] bytes = InvoicePdf.render(doc);

    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(pdf);
      // the unbroken description is hard-wrapped, not cut: all 10,000 characters are there
      long xs = text.chars().filter(c -> c == 'x').count();
      assertTrue(xs >= 10_000, "x count " + xs);
      assertTrue(text.contains("UNCOLLECTIBLE"), "stamp");
      assertTrue(text.contains("92,233,720,368,547,758.07 EUR"), "Long.MAX_VALUE");
      assertTrue(text.contains("-92,233,720,368,547,758.08 EUR"), "Long.MIN_VALUE");
      assertTrue(text.contains("a b c b d"), "controls become spaces: " + text);
      assertTrue(pdf.getNumberOfPages() > 1);
    }
  }

  @Test
  void anUnreadableLogoIsIgnored() throws IOException {
    List<byte[]> logos = List.of(
        // not an image at all
        "not an image".getBytes(StandardCharsets.US_ASCII),
        // a PNG signature followed by garbage
        concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, "garbage"),
        // a JPEG start-of-image marker followed by garbage
        concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "garbage"),
        // a real PNG cut in half
        Arrays.copyOf(image(200, 80, "png"), 200));

    for (byte[] logo : logos) {
      byte[] pdf = InvoicePdf.render(invoice(Kind.INVOICE, Status.OPEN, "USD", lines(1), logo));

      assertEquals(0, images(pdf));
      assertTrue(text(pdf).contains("Acme Cloud GmbH"));
    }
  }

  @Test
  void aLogoLargerThanTheLimitIsIgnored() throws IOException {
    byte[] png = image(2100, 2100, "png");

    assertEquals(0, images(InvoicePdf.render(
        invoice(Kind.INVOICE, Status.OPEN, "USD", lines(1), png))));
  }

  @ParameterizedTest
  @CsvSource({"png", "jpeg"})
  void aLogoIsPlacedInTheHeader(String format) throws IOException {
    byte[] logo = image(400, 100, format);

    byte[] bytes = InvoicePdf.render(invoice(Kind.INVOICE, Status.PAID, "USD", lines(2), logo));

    assertTrue(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    assertEquals(1, images(bytes));
    assertTrue(text(bytes).contains("PAID"));
  }

  @Test
  void zeroDecimalCurrencyHasNoFraction() throws IOException {
    List<Line> lines = List.of(new Line("API calls", new BigDecimal("1500"), 1, 1500, null));
    InvoiceDocument doc = new InvoiceDocument(Kind.INVOICE, "INV-JP-1", Status.OPEN, ISSUED, null,
        null, issuer(null), customer(), lines, "JPY", 1500, List.of(new TaxLine("JCT",
            BigDecimal.TEN, 150)), 1650, 0, 0, 1650, null, null, null);

    String text = text(InvoicePdf.render(doc));

    assertTrue(text.contains("1,500 JPY"), text);
    assertTrue(text.contains("1,650 JPY"), text);
    assertTrue(text.contains("150 JPY"), text);
    assertTrue(text.contains("1 JPY"), text);
    assertTrue(text.contains("JCT (10%)"), text);
    assertFalse(text.contains("1,500.00") || text.contains("1,650.0"), text);
  }

  @ParameterizedTest
  @CsvSource({
    // open: no stamp
    "OPEN,",
    "DRAFT,DRAFT",
    "PAID,PAID",
    "VOID,VOID",
    "UNCOLLECTIBLE,UNCOLLECTIBLE",
  })
  void statusOtherThanOpenIsStamped(Status status, String stamp) throws IOException {
    String text = text(InvoicePdf.render(invoice(Kind.INVOICE, status, "USD", lines(1), null)));

    for (String any : List.of("DRAFT", "PAID", "VOID", "UNCOLLECTIBLE")) {
      assertEquals(any.equals(stamp), text.contains(any), any + " in:\n" + text);
    }
  }

  @Test
  void equalInputGivesIdenticalBytes() throws IOException {
    byte[] logo = image(300, 120, "png");

    byte[] first = InvoicePdf.render(invoice(Kind.INVOICE, Status.OPEN, "USD", lines(60), logo));
    byte[] second = InvoicePdf.render(invoice(Kind.INVOICE, Status.OPEN, "USD", lines(60), logo));

    assertArrayEquals(first, second);
  }

  @Test
  void brandColoursOfAnyLightnessRender() throws IOException {
    for (String colour : List.of("#FFFFFF", "#000000", "#ffe600", "#0A66C2", "red", "")) {
      Issuer issuer = new Issuer("Acme", List.of(), null, null, colour, null);
      InvoiceDocument doc = new InvoiceDocument(Kind.INVOICE, "INV-1", Status.OPEN, ISSUED, null,
          null, issuer, customer(), lines(1), "USD", 0, null, 0, 0, 0, 0, null, null, null);
      assertTrue(text(InvoicePdf.render(doc)).contains("INV-1"), colour);
    }
  }

  // ---------------------------------------------------------------- fixtures

  private static InvoiceDocument invoice(Kind kind, Status status, String currency,
      List<Line> lines, byte[] logo) {
    long subtotal = lines.stream().mapToLong(Line::amountMinor).sum();
    long tax = subtotal * 19 / 100;
    long total = subtotal + tax;
    long credit = 10_000;
    return new InvoiceDocument(
        kind,
        "INV-2026-000123",
        status,
        ISSUED,
        ISSUED.plusDays(30),
        "1 Nov 2026 – 30 Nov 2026",
        issuer(logo),
        customer(),
        lines,
        currency,
        subtotal,
        List.of(new TaxLine("VAT", new BigDecimal("19"), tax)),
        total,
        credit,
        0,
        total - credit,
        kind == Kind.CREDIT_NOTE ? "INV-2026-000100" : null,
        "Please pay by bank transfer to\nAcme Cloud GmbH\nIBAN DE89 3704 0044 0532 0130 00\n"
            + "BIC COBADEFFXXX\n\nQuote the invoice number as the reference.",
        "Acme Cloud GmbH · Musterstraße 1 · 10115 Berlin · Registered at AG Charlottenburg HRB"
            + " 123456 · Managing director: Jane Doe");
  }

  private static Issuer issuer(byte[] logo) {
    return new Issuer("Acme Cloud GmbH", List.of("Musterstraße 1", "10115 Berlin", "Germany"),
        "DE123456789", "billing@acme.example", "#0A66C2", logo);
  }

  private static Customer customer() {
    return new Customer("Globex Corporation", List.of("742 Evergreen Terrace", "Springfield, OR"),
        "United States", "billing@globex.example", null);
  }

  private static List<Line> lines(int count) {
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add(new Line("Pro plan seat " + i, BigDecimal.ONE, 49_900, 49_900,
          i % 3 == 0 ? "1 Nov 2026 – 30 Nov 2026" : null));
    }
    return lines;
  }

  private static byte[] image(int width, int height, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(new Color(0x0A66C2));
      g.fillOval(width / 10, height / 10, width / 3, height * 8 / 10);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), format);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] head, String tail) {
    byte[] t = tail.repeat(10).getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + t.length);
    System.arraycopy(t, 0, out, head.length, t.length);
    return out;
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static int images(byte[] bytes) throws IOException {
    int images = 0;
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      for (PDPage page : pdf.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name) instanceof PDImageXObject) {
            images++;
          }
        }
      }
    }
    return images;
  }
}
