package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.payment.PaymentResult;
import com.ngx.billing.Settlement;
import com.ngx.rest.ApiException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Charges of a {@link com.ngx.billing.ChargeSource} (the marketplace's add-ons): in arrears on the
 * next renewal, each exactly once however often runs ask; settled as {@code paid} when the invoice
 * is paid, {@code refunded} (negative) when their lines are refunded.
 */
class AddOnChargesTest {
  private static final YearMonth MARCH = YearMonth.of(2026, 3);
  private static final YearMonth APRIL = YearMonth.of(2026, 4);

  private BillingHarness h;

  @BeforeEach
  void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private List<String> refs(ObjectNode invoice) {
    return lines(invoice, "addon").stream().map(l -> l.path("sourceRef").asText()).toList();
  }

  @Test
  void chargesAppearOnTheNextRenewalOnceAndSettleWhenPaid() {
    UUID t = h.tenant("addons");
    h.useCard(t);
    h.run();
    h.marketplace.add(t, MARCH, "ledger:1", "Bookings add-on, March 2026", 1, 2900);
    h.marketplace.add(t, MARCH, "ledger:2", "SMS pack", 3, 500);
    UUID other = h.tenant("elsewhere");
    h.marketplace.add(other, MARCH, "ledger:3", "Not acme's", 1, 100);

    // 04-01: April's price in advance and March's add-ons in arrears: 1,497.00 + 29.00 + 3 × 5.00 = 1,541.00
    h.runAt("2026-04-01T00:00:00Z");
    ObjectNode april = h.issued(t).get(1);
    assertEquals(List.of("ledger:1", "ledger:2"), refs(april));
    JsonNode sms = lines(april, "addon").get(1);
    assertEquals(3, sms.path("quantity").asLong());
    assertEquals(500, sms.path("unitAmount").decimalValue().movePointRight(2).longValueExact());
    assertEquals(1500, sms.path("amountMinor").asLong());
    assertEquals(FakeChargeSource.SOURCE, sms.path("source").asText());
    assertEquals(154100, april.path("totalMinor").asLong());
    assertEquals("paid", april.path("status").asText());
    assertEquals(List.of(MARCH), h.marketplace.closed().subList(h.marketplace.closed().size() - 1,
        h.marketplace.closed().size()), "the run closed March for the source");

    // paid at once, so settled in April
    List<Settlement> settled = h.settlements.settled(FakeChargeSource.SOURCE, APRIL);
    List<Settlement> mine = settled.stream().filter(s -> s.tenantId().equals(t)).toList();
    assertEquals(List.of("ledger:1", "ledger:2"), mine.stream().map(Settlement::ref).sorted().toList());
    assertEquals(List.of(Settlement.PAID, Settlement.PAID), mine.stream().map(Settlement::kind).toList());
    assertEquals(4400, mine.stream().mapToLong(Settlement::amountMinor).sum());
    assertEquals(april.path("number").asText(), mine.get(0).invoiceNumber());
    assertEquals(List.of(), h.settlements.settled(FakeChargeSource.SOURCE, MARCH));

    // the source keeps answering with them: runs again, now and next month, never invoice them twice
    h.run();
    h.marketplace.add(t, APRIL, "ledger:4", "Bookings add-on, April 2026", 1, 2900);
    h.runAt("2026-05-01T00:00:00Z");
    h.run();
    List<ObjectNode> issued = h.issued(t);
    assertEquals(3, issued.size());
    assertEquals(List.of("ledger:4"), refs(issued.get(2)));
    assertEquals(1, h.db.number("select count(*) from bill_invoice_line where source_ref = 'ledger:1'"));
    h.requireReconciled(t, "after three renewals");
  }

  @Test
  void aChargeOnAnUnpaidInvoiceSettlesWhenItIsPaid() {
    UUID t = h.tenant("latepayer");
    h.useCard(t);
    h.run();
    h.marketplace.add(t, MARCH, "ledger:10", "Bookings add-on, March 2026", 1, 2900);
    h.card.script(t, PaymentResult.Status.FAILED);
    h.runAt("2026-04-01T00:00:00Z");
    assertEquals(List.of(), h.settlements.settled(FakeChargeSource.SOURCE, APRIL), "not paid: nothing settled");
    h.runAt("2026-04-02T00:00:00Z");
    List<Settlement> settled = h.settlements.settled(FakeChargeSource.SOURCE, APRIL);
    assertEquals(1, settled.size());
    assertEquals(Instant.parse("2026-04-02T00:00:00Z"), settled.get(0).at(), "when the money moved");
  }

  @Test
  void refundingAddOnLinesSettlesThemAsRefunded() {
    UUID t = h.tenant("refunder");
    h.useCard(t);
    h.run();
    h.marketplace.add(t, MARCH, "ledger:20", "Bookings add-on, March 2026", 1, 2900);
    h.marketplace.add(t, MARCH, "ledger:21", "SMS pack", 2, 500);
    h.runAt("2026-04-01T00:00:00Z");
    ObjectNode april = h.issued(t).get(1);
    List<String> addonLines = lines(april, "addon").stream().map(l -> l.path("id").asText()).toList();

    h.advanceTo("2026-05-03T00:00:00Z");
    InvoiceEntity note = h.payments.refund(UUID.fromString(april.path("id").asText()), addonLines, null,
        "add-ons did not work");
    // 29.00 + 2 × 5.00 = 39.00, no tax; the provider returned exactly that
    assertEquals(3900, note.totalMinor);
    assertEquals(3900, h.card.refunds().get(0).amountMinor());
    List<Settlement> may = h.settlements.settled(FakeChargeSource.SOURCE, YearMonth.of(2026, 5));
    assertEquals(List.of(Settlement.REFUNDED, Settlement.REFUNDED), may.stream().map(Settlement::kind).toList());
    assertEquals(List.of(-2900L, -1000L), may.stream().map(Settlement::amountMinor).sorted().toList());
    assertEquals("NGX-000002", may.get(0).invoiceNumber(), "the settlement names the refunded invoice");
    // April's paid settlements stay where they were
    assertEquals(3900, h.settlements.settled(FakeChargeSource.SOURCE, APRIL).stream()
        .mapToLong(Settlement::amountMinor).sum());
    // a line is credited once
    assertEquals(409, assertThrows(ApiException.class,
        () -> h.payments.refund(UUID.fromString(april.path("id").asText()), addonLines.subList(0, 1), null, "again"))
        .status());
    h.requireReconciled(t, "after the refund");
  }
  @Test
  void cancellingNowStillInvoicesTheMonthsCharges() {
    UUID t = h.tenant("leaver");
    h.useCard(t);
    h.run();
    h.marketplace.add(t, MARCH, "ledger:30", "Bookings add-on, March 2026", 1, 2900);
    h.advanceTo("2026-03-20T00:00:00Z");
    h.subscriptions.cancel(t, "now");
    assertEquals("cancelled", h.status(t));
    h.runAt("2026-04-01T00:00:00Z");
    assertEquals(1, h.db.number("select count(*) from bill_invoice_line where source_ref = 'ledger:30'"),
        "March's add-on is invoiced once, at the latest with the month's close");
  }
}
