package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An invoice's life: draft, finalized with the issuer's next number, then paid, void or
 * uncollectible; credit notes in a sequence of their own; PDFs; the credit balance a downgrade leaves
 * and the invoices that use it.
 */
class InvoiceLifecycleTest {
  private BillingHarness h;

  @BeforeEach
  void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-04-01T00:00:00Z"), Map.of("trialDays", 0));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private ObjectNode draft(UUID tenant, String... amounts) {
    ObjectNode body = Plans.JSON.createObjectNode();
    ArrayNode lines = body.putArray("lines");
    for (int k = 0; k < amounts.length; k++) {
      lines.addObject().put("description", "Consulting, day " + (k + 1)).put("amount", amounts[k]);
    }
    return h.operations.draft(tenant, body);
  }

  private static UUID id(ObjectNode invoice) {
    return UUID.fromString(invoice.path("id").asText());
  }

  @Test
  void aDraftGetsItsNumberWhenFinalized() {
    UUID t = h.tenant("drafted");
    ObjectNode d = draft(t, "150.00", "250.00");
    assertEquals("draft", d.path("status").asText());
    assertTrue(d.path("number").isNull());
    assertEquals(40000, d.path("totalMinor").asLong());
    // tenants do not see drafts; operators do
    assertEquals(0, h.invoices.list(t, false, 0, 50).total());
    assertEquals(1, h.invoices.list(t, true, 0, 50).total());
    assertEquals(404, assertThrows(ApiException.class, () -> h.invoices.get(t, id(d), false)).status());
    h.requireReconciled(t, "a draft owes nothing");

    ObjectNode first = h.operations.finalizeInvoice(id(d));
    assertEquals("NGX-000001", first.path("number").asText());
    assertEquals("open", first.path("status").asText(), "bank transfer: awaiting payment");
    assertEquals("2026-04-01T00:00:00Z", first.path("issuedAt").asText());
    assertEquals("2026-04-15T00:00:00Z", first.path("dueAt").asText());
    assertEquals(1, h.mails(t, "invoice NGX-000001 for USD 400.00, due 2026-04-15"));
    assertEquals(409, assertThrows(ApiException.class, () -> h.operations.finalizeInvoice(id(d))).status());
    h.requireReconciled(t, "finalized");

    // another draft, finalized later, takes the next number; a voided draft takes none
    ObjectNode voided = draft(t, "10.00");
    h.operations.voidInvoice(id(voided), null);
    ObjectNode second = h.operations.finalizeInvoice(id(draft(t, "75.50")));
    assertEquals("NGX-000002", second.path("number").asText());
    assertEquals("void", h.invoice(voided.path("id").asText()).path("status").asText());
    assertTrue(h.invoice(voided.path("id").asText()).path("number").isNull());
    h.requireReconciled(t, "two open invoices");
  }

  /** A tenant on Scale since 04-01 that moved to Growth on 04-11: 1,666.67 on its credit balance. */
  private UUID downgraded() {
    UUID t = h.tenant("downgraded");
    h.useCard(t);
    h.subscriptions.change(t, "scale", "now");
    h.run();
    assertEquals(399700, h.issued(t).get(0).path("totalMinor").asLong());
    h.advanceTo("2026-04-11T00:00:00Z");
    h.subscriptions.change(t, "growth", "now");
    // 20 of April's 30 days: credit 3,997.00 × 20/30 = 2,664.6667 → 2,664.67; charge 1,497.00 × 20/30 = 998.00
    // net −1,666.67: the invoice is settled and the credit waits on the balance
    ObjectNode change = h.issued(t).get(1);
    assertEquals(-166667, change.path("totalMinor").asLong());
    assertEquals("paid", change.path("status").asText());
    assertEquals(0, change.path("amountDueMinor").asLong());
    assertEquals(166667, h.subscriptions.view(t).creditBalanceMinor());
    assertEquals(1, h.card.charges().stream().filter(c -> c.tenant().equals(t)).count(), "nothing charged");
    h.requireReconciled(t, "credit on the balance");
    return t;
  }

  @Test
  void aDowngradesCreditPaysTheNextInvoices() {
    UUID t = downgraded();
    // 05-01: Growth 1,497.00, all of it from the credit: 1,666.67 − 1,497.00 = 169.67 left; no charge
    h.runAt("2026-05-01T00:00:00Z");
    ObjectNode may = h.issued(t).get(2);
    assertEquals(149700, minor(may, "creditApplied"));
    assertEquals(0, may.path("amountDueMinor").asLong());
    assertEquals("paid", may.path("status").asText());
    assertEquals(List.of(), h.card.charges(id(may)));
    assertEquals(16967, h.subscriptions.view(t).creditBalanceMinor());
    h.requireReconciled(t, "May");
    // 06-01: 169.67 of the credit, 1,497.00 − 169.67 = 1,327.33 charged
    h.runAt("2026-06-01T00:00:00Z");
    ObjectNode june = h.issued(t).get(3);
    assertEquals(16967, minor(june, "creditApplied"));
    assertEquals(132733, h.card.charges(id(june)).get(0).request().amountMinor());
    assertEquals(132733, minor(june, "amountPaid"));
    assertEquals("paid", june.path("status").asText());
    assertEquals(0, h.subscriptions.view(t).creditBalanceMinor());
    h.requireReconciled(t, "June");
  }

  @Test
  void voidingAnOpenInvoiceGivesItsCreditBack() {
    UUID t = downgraded();
    h.payments.setPaymentMethod(t, "manual", null, h.subscriptions);
    // 2,000.00 less the 1,666.67 credit: 333.33 due by transfer
    ObjectNode i = h.operations.finalizeInvoice(id(draft(t, "2000.00")));
    assertEquals(166667, minor(i, "creditApplied"));
    assertEquals(33333, i.path("amountDueMinor").asLong());
    assertEquals("open", i.path("status").asText());
    assertEquals(0, h.subscriptions.view(t).creditBalanceMinor());
    h.requireReconciled(t, "credit applied");

    ObjectNode voided = h.operations.voidInvoice(id(i), Plans.JSON.createObjectNode().put("memo", "issued by mistake"));
    assertEquals("void", voided.path("status").asText());
    assertEquals(0, voided.path("amountDueMinor").asLong());
    assertEquals("issued by mistake", voided.path("memo").asText());
    assertEquals(166667, h.subscriptions.view(t).creditBalanceMinor(), "the credit is back");
    h.requireReconciled(t, "voided");
    assertPdf(h.pdfs.render(t, id(i)), voided.path("number").asText() + ".pdf");
    assertPdf(h.pdfs.render(t, id(h.issued(t).get(1))), "NGX-000002.pdf"); // the downgrade's negative total
    // a paid invoice cannot be voided
    ObjectNode paid = h.issued(t).get(0);
    assertEquals(409, assertThrows(ApiException.class, () -> h.operations.voidInvoice(id(paid), null)).status());
  }

  @Test
  void anUncollectibleInvoiceIsWrittenOff() {
    UUID t = h.tenant("gone");
    ObjectNode i = h.operations.finalizeInvoice(id(draft(t, "500.00")));
    assertEquals("open", i.path("status").asText());
    ObjectNode off = h.operations.uncollectible(id(i), Plans.JSON.createObjectNode().put("memo", "company closed"));
    assertEquals("uncollectible", off.path("status").asText());
    assertEquals("2026-04-01T00:00:00Z", off.path("closedAt").asText());
    ObjectNode books = h.reconciliation(t);
    assertEquals(0, books.path("ledgerBalanceMinor").asLong());
    assertTrue(books.path("entries").findValuesAsText("kind").contains("write_off"));
    h.requireReconciled(t, "written off");
    assertEquals(409, assertThrows(ApiException.class,
        () -> h.payments.recordManualPayment(id(i), 50000, "late")).status());
    assertEquals(409, assertThrows(ApiException.class, () -> h.operations.uncollectible(id(i), null)).status());
  }

  @Test
  void creditNotesHaveTheirOwnSequence() {
    UUID t = h.tenant("credited");
    h.useCard(t);
    ObjectNode first = h.operations.finalizeInvoice(id(draft(t, "100.00")));
    ObjectNode second = h.operations.finalizeInvoice(id(draft(t, "200.00", "50.00")));
    assertEquals("NGX-000001", first.path("number").asText());
    assertEquals("NGX-000002", second.path("number").asText());
    assertEquals("paid", second.path("status").asText());

    InvoiceEntity cn1 = h.payments.refund(id(first), null, 5000L, "half");
    String line = second.path("lines").get(1).path("id").asText();
    InvoiceEntity cn2 = h.payments.refund(id(second), List.of(line), null, "day 2 cancelled");
    assertEquals("NGX-CN-000001", cn1.number);
    assertEquals("NGX-CN-000002", cn2.number);
    ObjectNode note = h.invoice(cn2.id);
    assertEquals("credit_note", note.path("kind").asText());
    assertEquals("paid", note.path("status").asText());
    assertEquals(second.path("id").asText(), note.path("originalInvoiceId").asText());
    assertEquals(5000, note.path("totalMinor").asLong());
    assertEquals("Credit: Consulting, day 2", note.path("lines").get(0).path("description").asText());
    // invoices go on where they were
    assertEquals("NGX-000003", h.operations.finalizeInvoice(id(draft(t, "1.00"))).path("number").asText());
    assertEquals(5, h.invoices.list(t, false, 0, 50).total(), "three invoices and two credit notes");
    h.requireReconciled(t, "after the credit notes");
    // an open or draft invoice cannot be refunded
    UUID open = id(draft(t, "9.00"));
    assertEquals(409, assertThrows(ApiException.class, () -> h.payments.refund(open, null, 100L, "no")).status());
  }

  private static void assertPdf(InvoicePdfs.Rendered r, String fileName) {
    assertEquals(fileName, r.fileName());
    assertTrue(r.bytes().length > 500);
    assertEquals("%PDF", new String(Arrays.copyOf(r.bytes(), 4), StandardCharsets.US_ASCII));
  }

  @Test
  void invoicesAndCreditNotesRenderAsPdf() {
    UUID t = h.tenant("printed");
    h.billingDetails(t, null, "ES");
    h.operations.setTaxRate("ES", Plans.JSON.createObjectNode().put("name", "IVA").put("ratePercent", "21"));
    h.useCard(t);
    ObjectNode i = h.operations.finalizeInvoice(id(draft(t, "1497.00", "0.99")));
    InvoiceEntity cn = h.payments.refund(id(i), null, 12100L, "partial");
    assertPdf(h.pdfs.render(t, id(i)), "NGX-000001.pdf");
    assertPdf(h.pdfs.render(t, UUID.fromString(cn.id)), "NGX-CN-000001.pdf");
    ObjectNode d = draft(t, "5.00");
    assertPdf(h.operations.pdf(id(d)), "DRAFT-" + d.path("id").asText().substring(0, 8) + ".pdf");
    assertEquals(404, assertThrows(ApiException.class, () -> h.pdfs.render(t, id(d))).status(),
        "a tenant sees no draft");
    UUID other = h.tenant("nosy");
    assertEquals(404, assertThrows(ApiException.class, () -> h.pdfs.render(other, id(i))).status());
  }
  @Test
  void refundingAnInvoicePaidFromTheCreditBalanceGivesTheCreditBack() {
    UUID t = downgraded();
    h.runAt("2026-05-01T00:00:00Z");
    ObjectNode may = h.issued(t).get(2);
    assertEquals(149700, minor(may, "creditApplied"));
    assertEquals(16967, h.subscriptions.view(t).creditBalanceMinor());
    String line = may.path("lines").get(0).path("id").asText();
    h.payments.refund(id(may), List.of(line), null, "May was not used");
    assertEquals(List.of(), h.card.refunds(), "no card money to return");
    assertEquals(16967 + 149700, h.subscriptions.view(t).creditBalanceMinor(), "the credit comes back");
    h.requireReconciled(t, "after the refund");
  }
}
