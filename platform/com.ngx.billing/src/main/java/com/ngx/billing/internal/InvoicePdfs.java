package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.billing.internal.pdf.InvoiceDocument;
import com.ngx.billing.internal.pdf.InvoicePdf;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The branded PDF of an invoice or credit note, from what was recorded when it was issued. */
@Component(service = InvoicePdfs.class)
public final class InvoicePdfs {
  private final BillingStore store;
  private final Invoices invoices;
  private final Invoicing invoicing;
  private final Accounts accounts;

  /** A rendered document. */
  public record Rendered(byte[] bytes, String fileName) {}

  @Activate
  public InvoicePdfs(@Reference BillingStore store, @Reference Invoices invoices, @Reference Invoicing invoicing,
      @Reference Accounts accounts) {
    this.store = store;
    this.invoices = invoices;
    this.invoicing = invoicing;
    this.accounts = accounts;
  }

  /** Renders the tenant's invoice (null tenant: any, for operators). */
  public Rendered render(UUID tenantId, UUID invoiceId) {
    InvoiceDocument doc = store.tx(em -> {
      InvoiceEntity i = invoices.find(em, tenantId, invoiceId.toString(), tenantId == null);
      JsonNode snap = Views.readJson(i.snapshot);
      JsonNode is = snap.path("issuer");
      JsonNode cu = snap.path("customer");
      List<InvoiceDocument.Line> lines = new ArrayList<>();
      for (InvoiceLineEntity l : invoicing.lines(em, i.id)) {
        String period = l.periodStart == null ? null
            : l.periodStart + " – " + (l.periodEnd == null ? "" : l.periodEnd.minusDays(1).toString());
        lines.add(new InvoiceDocument.Line(l.description, BigDecimal.valueOf(l.quantity), l.unitAmountMinor,
            l.amountMinor, period));
      }
      List<InvoiceDocument.TaxLine> taxes = new ArrayList<>();
      if (i.taxName != null) {
        taxes.add(new InvoiceDocument.TaxLine(i.taxName, i.taxRatePercent, i.taxMinor));
      }
      String original = null;
      if (i.originalInvoiceId != null) {
        InvoiceEntity o = em.find(InvoiceEntity.class, i.originalInvoiceId);
        original = o == null ? null : o.number;
      }
      String notes = null;
      if (Status.OPEN.equals(i.status) && ManualProvider.ID.equals(cu.path("provider").asText())) {
        notes = accounts.config().bankTransferInstructions();
      } else if (i.memo != null) {
        notes = i.memo;
      }
      String number = i.number == null ? "DRAFT-" + i.id.substring(0, 8) : i.number;
      return new InvoiceDocument(
          Status.CREDIT_NOTE.equals(i.kind) ? InvoiceDocument.Kind.CREDIT_NOTE : InvoiceDocument.Kind.INVOICE,
          number,
          InvoiceDocument.Status.valueOf(i.status.toUpperCase(Locale.ROOT)),
          (i.issuedAt == null ? i.createdAt : i.issuedAt).toLocalDate(),
          i.dueAt == null || Status.CREDIT_NOTE.equals(i.kind) ? null : i.dueAt.toLocalDate(),
          i.period,
          new InvoiceDocument.Issuer(is.path("name").asText("NGX"), lines(is.path("address").asText("")),
              nullable(is.path("taxId")), nullable(is.path("email")), is.path("colour").asText("#1F4FD8"), null),
          new InvoiceDocument.Customer(cu.path("name").asText(""), lines(cu.path("address").asText("")),
              nullable(cu.path("country")), nullable(cu.path("email")), nullable(cu.path("taxId"))),
          lines, i.currency, i.subtotalMinor, taxes, i.totalMinor, i.creditAppliedMinor, i.amountPaidMinor,
          i.amountDueMinor, original, notes,
          is.path("name").asText("NGX") + (nullable(is.path("email")) == null ? "" : " · " + is.path("email").asText()));
    });
    return new Rendered(InvoicePdf.render(doc), doc.number() + ".pdf");
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\\R")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private static String nullable(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || n.asText().isBlank() ? null : n.asText();
  }
}
