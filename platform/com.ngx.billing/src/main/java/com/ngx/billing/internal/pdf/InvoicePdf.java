package com.ngx.billing.internal.pdf;

import com.ngx.billing.internal.pdf.InvoiceDocument.Kind;
import com.ngx.billing.internal.pdf.InvoiceDocument.Line;
import com.ngx.billing.internal.pdf.InvoiceDocument.Status;
import com.ngx.billing.internal.pdf.InvoiceDocument.TaxLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Currency;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders an {@link InvoiceDocument} as a branded A4 PDF: the issuer's colour and logo, a status
 * stamp, the parties, a line table that flows over as many pages as it needs, totals, notes and a
 * footer with page numbers.
 *
 * <p>Only the standard 14 fonts are used (nothing is embedded), so all text is reduced to what
 * WinAnsiEncoding can show (see {@link WinAnsiText#clean}); no input string can make rendering
 * fail. Equal input gives byte-identical output: the creation date and the document id derive from
 * the document, not the clock.
 */
public final class InvoicePdf {
  private static final Logger LOG = LoggerFactory.getLogger(InvoicePdf.class);

  // geometry, in PDF points (1/72 inch)
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float PAGE_W = PAGE.getWidth();
  private static final float PAGE_H = PAGE.getHeight();
  private static final float MM = 72f / 25.4f;
  private static final float LEFT = 50;
  private static final float RIGHT = PAGE_W - 50;
  private static final float CONTENT_W = RIGHT - LEFT;
  private static final float BAND_H = 10;
  private static final float FIRST_TOP = PAGE_H - BAND_H - 30;
  private static final float CONTINUED_TOP = PAGE_H - BAND_H - 46;
  private static final float LOGO_MAX_W = 40 * MM;
  private static final float LOGO_MAX_H = 15 * MM;
  // decoding a PNG needs width × height × 4 bytes; logos are far smaller than this
  private static final long LOGO_MAX_PIXELS = 2048L * 2048L;
  private static final float BODY = 9;
  private static final float BODY_LEADING = 12;
  private static final float SMALL = 8;
  private static final float SMALL_LEADING = 10;
  private static final float FOOTER = 7.5f;
  private static final float FOOTER_LEADING = 9.5f;
  private static final int FOOTER_MAX_LINES = 4;
  private static final float FOOTER_BASELINE = 28;
  private static final float PAD = 6;
  private static final float TABLE_HEADER_H = 20;
  private static final float TABLE_HEADER_SIZE = 8.5f;
  private static final String ELLIPSIS = "\u2026";

  private static final Rgb TEXT = Rgb.of(0x111827);
  private static final Rgb MUTED = Rgb.of(0x6B7280);
  private static final Rgb RULE = Rgb.of(0xE5E7EB);
  private static final Rgb WHITE = Rgb.of(0xFFFFFF);
  private static final Rgb DEFAULT_BRAND = Rgb.of(0x334155);

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

  private final InvoiceDocument doc;
  private final PDDocument pdf;
  private final Face regular = new Face(Standard14Fonts.FontName.HELVETICA);
  private final Face bold = new Face(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final Currency currency;
  private final String title;
  private final Rgb brand;
  private final Rgb onBrand;
  private final Rgb accent;
  private final List<String> footerLines;
  private final float bottom;

  private PDPageContentStream cs;
  private float y;
  private boolean inTable;
  private Columns columns;

  private InvoicePdf(InvoiceDocument doc, PDDocument pdf) throws IOException {
    this.doc = doc;
    this.pdf = pdf;
    this.currency = Currency.getInstance(doc.currency());
    this.title = doc.kind() == Kind.CREDIT_NOTE ? "Credit note" : "Invoice";
    this.brand = Rgb.parse(doc.issuer().brandColor());
    this.onBrand = brand.contrast(WHITE) >= brand.contrast(TEXT) ? WHITE : TEXT;
    // a pale brand colour is unreadable as text on white; such brands colour only the fills
    this.accent = brand.contrast(WHITE) >= 3 ? brand : TEXT;
    List<String> footer = new ArrayList<>();
    for (String line : WinAnsiText.lines(doc.footer())) {
      if (!line.isBlank()) {
        footer.addAll(regular.wrap(line, FOOTER, CONTENT_W - 90));
      }
    }
    this.footerLines = capped(footer, FOOTER_MAX_LINES, regular, FOOTER, CONTENT_W - 90);
    float rule = FOOTER_BASELINE + Math.max(1, footerLines.size()) * FOOTER_LEADING + 2;
    this.bottom = rule + 14;
  }

  /**
   * The document as PDF bytes.
   *
   * @throws UncheckedIOException only if PDFBox fails on its in-memory buffers
   */
  public static byte[] render(InvoiceDocument doc) {
    Objects.requireNonNull(doc, "doc");
    try (PDDocument pdf = new PDDocument()) {
      new InvoicePdf(doc, pdf).write();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the PDF of " + doc.number(), e);
    }
  }

  private void write() throws IOException {
    info();
    newPage();
    header();
    parties();
    summary();
    table();
    totals();
    notes();
    cs.close();
    cs = null;
    footers();
  }

  private void info() {
    PDDocumentInformation info = pdf.getDocumentInformation();
    info.setTitle(title + " " + plain(doc.number()));
    info.setAuthor(plain(doc.issuer().name()));
    Calendar issued = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    issued.clear();
    issued.set(doc.issueDate().getYear(), doc.issueDate().getMonthValue() - 1,
        doc.issueDate().getDayOfMonth());
    info.setCreationDate(issued);
    info.setModificationDate(issued);
    // PDFBox hashes this with the info values into the trailer /ID; left unset it uses the clock
    pdf.setDocumentId(doc.issueDate().toEpochDay());
    pdf.getDocumentCatalog().setLanguage("en");
  }

  // ---------------------------------------------------------------- pages

  private void newPage() throws IOException {
    boolean first = pdf.getNumberOfPages() == 0;
    if (cs != null) {
      cs.close();
    }
    PDPage page = new PDPage(PAGE);
    pdf.addPage(page);
    cs = new PDPageContentStream(pdf, page);
    fill(0, PAGE_H - BAND_H, PAGE_W, BAND_H, brand);
    if (first) {
      y = FIRST_TOP;
      return;
    }
    float base = PAGE_H - BAND_H - 24;
    String heading = title + " " + WinAnsiText.clean(doc.number());
    text(bold, BODY, TEXT, LEFT, base, bold.fit(heading, BODY, CONTENT_W * 0.6f));
    String issuer = WinAnsiText.clean(doc.issuer().name());
    textRight(regular, BODY, MUTED, RIGHT, base, regular.fit(issuer, BODY, CONTENT_W * 0.35f));
    y = CONTINUED_TOP;
    if (inTable) {
      tableHeader();
    }
  }

  /** Starts a new page unless {@code height} more points fit on this one. */
  private void ensure(float height) throws IOException {
    if (y - height < bottom) {
      newPage();
    }
  }

  /** The most a page can hold below its continuation header. */
  private float freshPage() {
    return CONTINUED_TOP - bottom - (inTable ? TABLE_HEADER_H : 0);
  }

  private void footers() throws IOException {
    int pages = pdf.getNumberOfPages();
    float rule = FOOTER_BASELINE + Math.max(1, footerLines.size()) * FOOTER_LEADING + 2;
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream page =
          new PDPageContentStream(pdf, pdf.getPage(i), AppendMode.APPEND, true, true)) {
        cs = page;
        line(LEFT, rule, RIGHT, rule, RULE, 0.5f);
        float base = FOOTER_BASELINE + (footerLines.size() - 1) * FOOTER_LEADING;
        for (String line : footerLines) {
          text(regular, FOOTER, MUTED, LEFT, base, line);
          base -= FOOTER_LEADING;
        }
        String number = "Page " + (i + 1) + " of " + pages;
        textRight(regular, FOOTER, MUTED, RIGHT, FOOTER_BASELINE, number);
      } finally {
        cs = null;
      }
    }
  }

  // ---------------------------------------------------------------- first page

  private void header() throws IOException {
    float top = y;
    float leftBottom;
    PDImageXObject logo = logo();
    if (logo != null) {
      float scale = Math.min(LOGO_MAX_W / logo.getWidth(), LOGO_MAX_H / logo.getHeight());
      float w = logo.getWidth() * scale;
      float h = logo.getHeight() * scale;
      cs.drawImage(logo, LEFT, top - h, w, h);
      leftBottom = top - h;
    } else {
      List<String> name = capped(
          bold.wrap(WinAnsiText.clean(doc.issuer().name()), 16, CONTENT_W * 0.55f), 2, bold, 16,
          CONTENT_W * 0.55f);
      float base = top - 13;
      for (String line : name) {
        text(bold, 16, accent, LEFT, base, line);
        base -= 19;
      }
      leftBottom = base + 19 - 5;
    }

    textRight(bold, 22, TEXT, RIGHT, top - 17, title);
    float rightBottom = stamp(top - 34);

    List<String[]> meta = new ArrayList<>();
    meta.add(new String[] {title + " number", doc.number()});
    meta.add(new String[] {"Date of issue", DATE.format(doc.issueDate())});
    if (doc.dueDate() != null) {
      meta.add(new String[] {"Date due", DATE.format(doc.dueDate())});
    }
    if (present(doc.servicePeriod())) {
      meta.add(new String[] {"Service period", doc.servicePeriod()});
    }
    if (doc.kind() == Kind.CREDIT_NOTE && present(doc.originalInvoiceNumber())) {
      meta.add(new String[] {"Original invoice", doc.originalInvoiceNumber()});
    }
    float labelW = 100;
    float valueW = 230;
    y = leftBottom - 18;
    for (String[] row : meta) {
      List<String> value =
          capped(regular.wrap(WinAnsiText.clean(row[1]), BODY, valueW), 3, regular, BODY, valueW);
      text(bold, BODY, MUTED, LEFT, y - BODY, row[0]);
      for (String line : value) {
        text(regular, BODY, TEXT, LEFT + labelW, y - BODY, line);
        y -= BODY_LEADING;
      }
    }
    y = Math.min(y, rightBottom);
  }

  /** Draws the status stamp, if any, below {@code top}; returns its lower edge. */
  private float stamp(float top) throws IOException {
    String label;
    Rgb colour;
    switch (doc.status()) {
      case DRAFT -> {
        label = "DRAFT";
        colour = Rgb.of(0x6B7280);
      }
      case PAID -> {
        label = "PAID";
        colour = Rgb.of(0x15803D);
      }
      case VOID -> {
        label = "VOID";
        colour = Rgb.of(0xB91C1C);
      }
      case UNCOLLECTIBLE -> {
        label = "UNCOLLECTIBLE";
        colour = Rgb.of(0xB45309);
      }
      default -> {
        return top;
      }
    }
    float size = 13;
    float textW = bold.width(label, size);
    float boxW = textW + 18;
    float boxH = 22;
    float cx = RIGHT - boxW / 2 - 6;
    float cy = top - boxH / 2 - 6;
    cs.saveGraphicsState();
    cs.transform(Matrix.getRotateInstance(Math.toRadians(8), cx, cy));
    cs.setStrokingColor(colour.r(), colour.g(), colour.b());
    cs.setLineWidth(1.8f);
    cs.addRect(-boxW / 2, -boxH / 2, boxW, boxH);
    cs.stroke();
    text(bold, size, colour, -textW / 2, -size * 0.36f, label);
    cs.restoreGraphicsState();
    return top - boxH - 24;
  }

  private void parties() throws IOException {
    float gap = 30;
    float colW = (CONTENT_W - gap) / 2;
    var issuer = doc.issuer();
    var customer = doc.customer();
    List<String> from = new ArrayList<>();
    from.addAll(WinAnsiText.lines(String.join("\n", issuer.addressLines())));
    addIfPresent(from, issuer.email(), "");
    addIfPresent(from, issuer.taxId(), "Tax ID: ");
    List<String> to = new ArrayList<>();
    to.addAll(WinAnsiText.lines(String.join("\n", customer.addressLines())));
    addIfPresent(to, customer.country(), "");
    addIfPresent(to, customer.email(), "");
    addIfPresent(to, customer.taxId(), "Tax ID: ");

    float top = y - 18;
    float leftEnd = block(LEFT, top, colW, "From", issuer.name(), from);
    float rightEnd = block(LEFT + colW + gap, top, colW, "Bill to", customer.name(), to);
    y = Math.min(leftEnd, rightEnd);
  }

  /** One party: heading, name in bold, then its lines; at most 14 lines. Returns the lower edge. */
  private float block(float x, float top, float width, String heading, String name,
      List<String> lines) throws IOException {
    text(bold, SMALL, MUTED, x, top - SMALL, heading.toUpperCase(Locale.ROOT));
    float base = top - SMALL - 15;
    List<String> names = capped(bold.wrap(WinAnsiText.clean(name), BODY, width), 3, bold, BODY,
        width);
    for (String line : names) {
      text(bold, BODY, TEXT, x, base, line);
      base -= BODY_LEADING;
    }
    List<String> wrapped = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        wrapped.addAll(regular.wrap(line, BODY, width));
      }
    }
    for (String line : capped(wrapped, 14 - names.size(), regular, BODY, width)) {
      text(regular, BODY, TEXT, x, base, line);
      base -= BODY_LEADING;
    }
    return base + BODY_LEADING - 4;
  }

  private void summary() throws IOException {
    if (doc.kind() != Kind.INVOICE || doc.amountDueMinor() <= 0
        || doc.status() == Status.PAID || doc.status() == Status.VOID) {
      return;
    }
    String due = Amounts.money(doc.amountDueMinor(), currency)
        + (doc.dueDate() == null ? " due" : " due " + DATE.format(doc.dueDate()));
    y -= 26;
    text(bold, 13, TEXT, LEFT, y, bold.fit(due, 13, CONTENT_W));
    y -= 4;
  }

  // ---------------------------------------------------------------- line table

  /** Right edges of the numeric columns and the description's width. */
  private record Columns(float descW, float qtyRight, float qtyW, float unitRight, float unitW,
      float amountRight, float amountW) {}

  private void table() throws IOException {
    List<String[]> cells = new ArrayList<>();
    float qtyW = bold.width("Qty", TABLE_HEADER_SIZE);
    float unitW = bold.width("Unit price", TABLE_HEADER_SIZE);
    float amountW = bold.width("Amount", TABLE_HEADER_SIZE);
    for (Line line : doc.lines()) {
      String[] row = {
        Amounts.number(line.quantity()),
        Amounts.money(line.unitAmountMinor(), currency),
        Amounts.money(line.amountMinor(), currency)
      };
      cells.add(row);
      qtyW = Math.max(qtyW, regular.width(row[0], BODY));
      unitW = Math.max(unitW, regular.width(row[1], BODY));
      amountW = Math.max(amountW, regular.width(row[2], BODY));
    }
    // numbers get the room they need up to a limit (too wide ones shrink), the description the rest
    qtyW = clamp(qtyW + 2 * PAD, 40, 90);
    unitW = clamp(unitW + 2 * PAD, 75, 140);
    amountW = clamp(amountW + 2 * PAD, 75, 140);
    float amountRight = RIGHT;
    float unitRight = amountRight - amountW;
    float qtyRight = unitRight - unitW;
    columns = new Columns(qtyRight - qtyW - LEFT, qtyRight, qtyW, unitRight, unitW, amountRight,
        amountW);

    y -= 22;
    inTable = true;
    if (y - TABLE_HEADER_H - 2 * PAD - 2 * BODY_LEADING < bottom) {
      newPage();
    } else {
      tableHeader();
    }
    for (int i = 0; i < doc.lines().size(); i++) {
      row(doc.lines().get(i), cells.get(i));
    }
    inTable = false;
  }

  private void tableHeader() throws IOException {
    fill(LEFT, y - TABLE_HEADER_H, CONTENT_W, TABLE_HEADER_H, brand);
    float base = y - 13.5f;
    float s = TABLE_HEADER_SIZE;
    text(bold, s, onBrand, LEFT + PAD, base, "Description");
    textRight(bold, s, onBrand, columns.qtyRight() - PAD, base, "Qty");
    textRight(bold, s, onBrand, columns.unitRight() - PAD, base, "Unit price");
    textRight(bold, s, onBrand, columns.amountRight() - PAD, base, "Amount");
    y -= TABLE_HEADER_H;
  }

  private void row(Line line, String[] cells) throws IOException {
    float textW = columns.descW() - 2 * PAD;
    List<String> description = regular.wrap(WinAnsiText.clean(line.description()), BODY, textW);
    List<String> period = present(line.period())
        ? regular.wrap(WinAnsiText.clean(line.period()), SMALL, textW)
        : List.of();
    float height = 2 * PAD + description.size() * BODY_LEADING + period.size() * SMALL_LEADING;
    // keep a row on one page when a page can hold it; a longer one starts here if two lines fit
    if (y - height < bottom
        && (height <= freshPage() || y - PAD - 2 * BODY_LEADING < bottom)) {
      newPage();
    }
    y -= PAD;
    boolean first = true;
    for (String text : description) {
      ensure(BODY_LEADING);
      float base = y - BODY;
      text(regular, BODY, TEXT, LEFT + PAD, base, text);
      if (first) {
        number(cells[0], columns.qtyRight(), columns.qtyW(), base);
        number(cells[1], columns.unitRight(), columns.unitW(), base);
        number(cells[2], columns.amountRight(), columns.amountW(), base);
        first = false;
      }
      y -= BODY_LEADING;
    }
    for (String text : period) {
      ensure(SMALL_LEADING);
      text(regular, SMALL, MUTED, LEFT + PAD, y - SMALL, text);
      y -= SMALL_LEADING;
    }
    y -= PAD;
    line(LEFT, y, RIGHT, y, RULE, 0.5f);
  }

  /** A right-aligned number, set smaller if it is wider than its column. */
  private void number(String text, float right, float columnW, float base) throws IOException {
    float size = BODY;
    float w = regular.width(text, size);
    float room = columnW - 2 * PAD;
    if (w > room) {
      size = Math.max(5, size * room / w);
    }
    textRight(regular, size, TEXT, right - PAD, base, text);
  }

  // ---------------------------------------------------------------- totals, notes

  private record Total(String label, String amount, boolean ruleAbove, boolean due) {}

  private void totals() throws IOException {
    List<Total> rows = new ArrayList<>();
    rows.add(new Total("Subtotal", money(doc.subtotalMinor()), false, false));
    for (TaxLine tax : doc.taxLines()) {
      String label = tax.ratePercent() == null
          ? tax.name()
          : tax.name() + " (" + Amounts.number(tax.ratePercent()) + "%)";
      rows.add(new Total(label, money(tax.taxMinor()), false, false));
    }
    rows.add(new Total("Total", money(doc.totalMinor()), true, false));
    if (doc.creditAppliedMinor() != 0) {
      rows.add(new Total("Credit applied", money(doc.creditAppliedMinor()), false, false));
    }
    rows.add(new Total("Amount paid", money(doc.amountPaidMinor()), false, false));
    rows.add(new Total("Amount due", money(doc.amountDueMinor()), true, true));

    float amountW = 0;
    for (Total row : rows) {
      amountW = Math.max(amountW, bold.width(row.amount(), BODY));
    }
    float blockW = Math.min(CONTENT_W, Math.max(250, amountW + 170));
    float labelX = RIGHT - blockW + PAD;
    float labelW = blockW - amountW - 3 * PAD;
    List<List<String>> labels = new ArrayList<>();
    float height = 0;
    for (Total row : rows) {
      Face face = row.due() ? bold : regular;
      List<String> label =
          capped(face.wrap(WinAnsiText.clean(row.label()), BODY, labelW), 3, face, BODY, labelW);
      labels.add(label);
      height += label.size() * BODY_LEADING + 6;
    }

    y -= 12;
    if (y - height < bottom && height <= freshPage()) {
      newPage();
    }
    for (int i = 0; i < rows.size(); i++) {
      Total row = rows.get(i);
      List<String> label = labels.get(i);
      ensure(label.size() * BODY_LEADING + 6);
      if (row.ruleAbove()) {
        line(RIGHT - blockW, y, RIGHT, y, row.due() ? accent : RULE, row.due() ? 1.5f : 0.5f);
      }
      y -= 3;
      Face face = row.due() ? bold : regular;
      float base = y - BODY;
      // label before amount, so text extraction reads "Total 1,781.43 USD"
      for (int l = 0; l < label.size(); l++) {
        text(face, BODY, row.due() ? TEXT : MUTED, labelX, base - l * BODY_LEADING, label.get(l));
      }
      textRight(face, BODY, TEXT, RIGHT - PAD, base, row.amount());
      y -= label.size() * BODY_LEADING;
      y -= 3;
    }
  }

  private void notes() throws IOException {
    List<String> lines = WinAnsiText.lines(doc.notes());
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      return;
    }
    y -= 20;
    ensure(3 * BODY_LEADING);
    text(bold, BODY, TEXT, LEFT, y - BODY, "Notes");
    y -= BODY_LEADING + 3;
    for (String paragraph : lines) {
      for (String text : regular.wrap(paragraph, BODY, CONTENT_W)) {
        ensure(BODY_LEADING);
        text(regular, BODY, TEXT, LEFT, y - BODY, text);
        y -= BODY_LEADING;
      }
    }
  }

  // ---------------------------------------------------------------- logo

  private PDImageXObject logo() {
    byte[] bytes = doc.issuer().logo();
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      if (!isPngOrJpeg(bytes) || !withinPixelLimit(bytes)) {
        LOG.warn("Ignoring the logo on {}: not a PNG or JPEG image of at most {} pixels",
            plain(doc.number()), LOGO_MAX_PIXELS);
        return null;
      }
      PDImageXObject image = PDImageXObject.createFromByteArray(pdf, bytes, "logo");
      return image.getWidth() > 0 && image.getHeight() > 0 ? image : null;
    } catch (IOException | RuntimeException e) {
      // a broken logo must not stop the invoice: the issuer's name stands in for it
      LOG.warn("Ignoring the unreadable logo on {}: {}", plain(doc.number()), e.toString());
      return null;
    }
  }

  private static boolean isPngOrJpeg(byte[] b) {
    boolean png = b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N'
        && b[3] == 'G';
    boolean jpeg = b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
        && (b[2] & 0xFF) == 0xFF;
    return png || jpeg;
  }

  /** Reads only the image header, so a decompression bomb is refused before it is decoded. */
  private static boolean withinPixelLimit(byte[] bytes) throws IOException {
    // a memory cache: ImageIO.createImageInputStream would spill to temporary files
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return false;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        return pixels > 0 && pixels <= LOGO_MAX_PIXELS;
      } finally {
        reader.dispose();
      }
    }
  }

  // ---------------------------------------------------------------- drawing

  private void text(Face face, float size, Rgb colour, float x, float baseline, String text)
      throws IOException {
    // cleaned again here, the one place text reaches PDFBox: nothing unencodable gets through
    String clean = WinAnsiText.clean(text);
    if (clean.isBlank()) {
      return;
    }
    cs.beginText();
    cs.setFont(face.font, size);
    cs.setNonStrokingColor(colour.r(), colour.g(), colour.b());
    cs.newLineAtOffset(x, baseline);
    cs.showText(clean);
    cs.endText();
  }

  private void textRight(Face face, float size, Rgb colour, float right, float baseline,
      String text) throws IOException {
    String clean = WinAnsiText.clean(text);
    text(face, size, colour, right - face.width(clean, size), baseline, clean);
  }

  private void fill(float x, float y, float w, float h, Rgb colour) throws IOException {
    cs.setNonStrokingColor(colour.r(), colour.g(), colour.b());
    cs.addRect(x, y, w, h);
    cs.fill();
  }

  private void line(float x1, float y1, float x2, float y2, Rgb colour, float width)
      throws IOException {
    cs.setStrokingColor(colour.r(), colour.g(), colour.b());
    cs.setLineWidth(width);
    cs.moveTo(x1, y1);
    cs.lineTo(x2, y2);
    cs.stroke();
  }

  // ---------------------------------------------------------------- helpers

  private String money(long minor) {
    return Amounts.money(minor, currency);
  }

  private static void addIfPresent(List<String> lines, String value, String prefix) {
    if (present(value)) {
      lines.addAll(WinAnsiText.lines(prefix + value));
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** Text for the document information and the log: any Unicode, but no control characters. */
  private static String plain(String s) {
    return s.replaceAll("\\p{Cntrl}", " ").strip();
  }

  private static float clamp(float v, float min, float max) {
    return Math.max(min, Math.min(max, v));
  }

  /** The first {@code max} lines, the last one ending in an ellipsis if any were cut. */
  private static List<String> capped(List<String> lines, int max, Face face, float size,
      float width) {
    if (lines.size() <= max) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.subList(0, Math.max(0, max)));
    if (!out.isEmpty()) {
      int last = out.size() - 1;
      out.set(last, face.fit(out.get(last) + " " + ELLIPSIS, size, width));
    }
    return out;
  }

  /** A standard 14 font and its glyph widths. */
  private static final class Face {
    final PDType1Font font;
    // glyph widths in 1/1000 em; one invoice measures the same few characters many times
    private final Map<Character, Float> widths = new HashMap<>();

    Face(Standard14Fonts.FontName name) {
      this.font = new PDType1Font(name);
    }

    float width(String text, float size) {
      float units = 0;
      for (int i = 0; i < text.length(); i++) {
        units += units(text.charAt(i));
      }
      return units * size / 1000;
    }

    private float units(char c) {
      return widths.computeIfAbsent(c, k -> {
        try {
          return font.getStringWidth(String.valueOf(k));
        } catch (IOException | IllegalArgumentException e) {
          return 556f; // not measurable: the width of a digit, the text is cleaned before drawing
        }
      });
    }

    /**
     * Cleaned text broken into lines no wider than {@code width}: at spaces (runs of which
     * collapse), and inside a word only when the word alone is wider than a line. Empty text is one
     * empty line.
     */
    List<String> wrap(String text, float size, float width) {
      List<String> out = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      float lineW = 0;
      float spaceW = width(" ", size);
      for (String word : text.strip().split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        float wordW = width(word, size);
        if (line.length() > 0 && lineW + spaceW + wordW <= width) {
          line.append(' ').append(word);
          lineW += spaceW + wordW;
          continue;
        }
        if (line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        int start = 0;
        float chunkW = 0;
        for (int i = 0; i < word.length(); i++) {
          float charW = units(word.charAt(i)) * size / 1000;
          if (chunkW + charW > width && i > start) {
            out.add(word.substring(start, i));
            start = i;
            chunkW = 0;
          }
          chunkW += charW;
        }
        line.append(word, start, word.length());
        lineW = chunkW;
      }
      if (line.length() > 0 || out.isEmpty()) {
        out.add(line.toString());
      }
      return out;
    }

    /** The text, cut and ended with an ellipsis if it is wider than {@code width}. */
    String fit(String text, float size, float width) {
      if (width(text, size) <= width) {
        return text;
      }
      float room = width - width(ELLIPSIS, size);
      float used = 0;
      int end = 0;
      while (end < text.length()) {
        float charW = units(text.charAt(end)) * size / 1000;
        if (used + charW > room) {
          break;
        }
        used += charW;
        end++;
      }
      return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
  }

  /** A DeviceRGB colour, components 0–1. */
  private record Rgb(float r, float g, float b) {
    static Rgb of(int hex) {
      return new Rgb(((hex >> 16) & 0xFF) / 255f, ((hex >> 8) & 0xFF) / 255f, (hex & 0xFF) / 255f);
    }

    /** {@code #RRGGBB}; anything else gives the default brand colour. */
    static Rgb parse(String s) {
      if (s != null && s.strip().matches("#[0-9A-Fa-f]{6}")) {
        return of(Integer.parseInt(s.strip().substring(1), 16));
      }
      return DEFAULT_BRAND;
    }

    /** WCAG contrast ratio, 1–21. */
    double contrast(Rgb other) {
      double a = luminance();
      double b = other.luminance();
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private double luminance() {
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }

    private static double linear(float c) {
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
  }
}
