package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Partners' commissions on their clients' payments: 30% of the payment without tax in the client's
 * first year with the partner, 20% from the anniversary on; a refund reverses the commission at the
 * rate of the payment it refunds.
 */
class CommissionScenarioTest {

  private static UUID partner(BillingHarness h) {
    ObjectNode p = h.operations.createPartner(
        Plans.JSON.createObjectNode().put("name", "Northwind Agency").put("email", "ops@northwind.example"));
    return UUID.fromString(p.path("id").asText());
  }

  private static void assign(BillingHarness h, UUID tenant, UUID partner) {
    h.operations.assignPartner(tenant, Plans.JSON.createObjectNode().put("partnerId", partner.toString()));
  }

  /** An operator's invoice of one line, finalized and paid by card at once. */
  private static ObjectNode paidInvoice(BillingHarness h, UUID tenant, String amount) {
    ObjectNode body = Plans.JSON.createObjectNode();
    ArrayNode lines = body.putArray("lines");
    lines.addObject().put("description", "Implementation services").put("amount", amount);
    ObjectNode draft = h.operations.draft(tenant, body);
    ObjectNode i = h.operations.finalizeInvoice(UUID.fromString(draft.path("id").asText()));
    assertEquals("paid", i.path("status").asText());
    return i;
  }

  // Expected by hand: commission = 1,000.00 × rate; the anniversary day is already "after".
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                                       client since, paid on,    rate, commission
      'the first month: 30% of 1,000.00 = 300.00',                  2026-01-10,   2026-02-01, 3000, 30000
      'the day before the anniversary: still 30%',                  2026-01-10,   2027-01-09, 3000, 30000
      'the anniversary itself: 20% of 1,000.00 = 200.00',           2026-01-10,   2027-01-10, 2000, 20000
      'months after the anniversary: 20%',                          2026-01-10,   2027-03-01, 2000, 20000
      'a client since 29 February 2028: its anniversary is 28 Feb', 2028-02-29,   2029-02-28, 2000, 20000
      'the day before that anniversary: 30%',                       2028-02-29,   2029-02-27, 3000, 30000
      """)
  void rateByTheClientsYear(String description, LocalDate since, LocalDate paidOn, int rate, long commission) {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse(since + "T08:00:00Z"))) {
      UUID t = h.tenant("client");
      h.useCard(t);
      UUID p = partner(h);
      assign(h, t, p);
      h.advanceTo(paidOn + "T10:00:00Z");
      assertEquals(rate, h.operations.clients(p).get(0).path("commissionBasisPoints").asInt());
      paidInvoice(h, t, "1000.00");
      Partners.Statement s = h.partners.statement(p, YearMonth.from(paidOn));
      assertEquals(1, s.lines().size());
      Partners.Commission c = s.lines().get(0);
      assertEquals("commission", c.kind());
      assertEquals(100000, c.baseMinor());
      assertEquals(rate, c.rateBasisPoints());
      assertEquals(commission, c.amountMinor());
      assertEquals(Map.of("USD", commission), s.totals());
    }
  }

  @Test
  void refundsReverseAtTheRateOfThePaymentEvenAfterTheAnniversary() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-01-10T08:00:00Z"))) {
      UUID t = h.tenant("refunded");
      h.billingDetails(t, null, "ES");
      h.operations.setTaxRate("ES", Plans.JSON.createObjectNode().put("name", "IVA").put("ratePercent", "21"));
      h.useCard(t);
      UUID p = partner(h);
      assign(h, t, p);

      // 2026-12-01: 1,000.00 + IVA 21% (210.00) = 1,210.00 paid; the base is the payment without tax:
      // 1,210.00 × 1,000.00 / 1,210.00 = 1,000.00; 30% = 300.00
      h.advanceTo("2026-12-01T10:00:00Z");
      ObjectNode i = paidInvoice(h, t, "1000.00");
      assertEquals(121000, i.path("totalMinor").asLong());
      UUID invoice = UUID.fromString(i.path("id").asText());
      Partners.Statement december = h.partners.statement(p, YearMonth.of(2026, 12));
      assertEquals(List.of(30000L), december.lines().stream().map(Partners.Commission::amountMinor).toList());

      // 2026-12-20: 121.00 refunded = 100.00 + 21.00 tax; reversed: −100.00 × 30% = −30.00
      h.advanceTo("2026-12-20T10:00:00Z");
      h.payments.refund(invoice, null, 12100L, "goodwill");
      december = h.partners.statement(p, YearMonth.of(2026, 12));
      assertEquals(2, december.lines().size());
      Partners.Commission first = december.lines().get(1);
      assertEquals("reversal", first.kind());
      assertEquals(-10000, first.baseMinor());
      assertEquals(3000, first.rateBasisPoints());
      assertEquals(-3000, first.amountMinor());
      assertEquals(Map.of("USD", 27000L), december.totals());

      // 2027-02-01, after the anniversary: the remaining 1,089.00 = 900.00 + 189.00 tax refunded;
      // still reversed at the payment's 30%: −900.00 × 30% = −270.00, so nothing is left
      h.advanceTo("2027-02-01T10:00:00Z");
      h.payments.refund(invoice, null, 108900L, "cancelled project");
      Partners.Statement february = h.partners.statement(p, YearMonth.of(2027, 2));
      assertEquals(1, february.lines().size());
      assertEquals(-90000, february.lines().get(0).baseMinor());
      assertEquals(3000, february.lines().get(0).rateBasisPoints());
      assertEquals(-27000, february.lines().get(0).amountMinor());
      assertEquals(30000 - 3000 - 27000, december.totals().get("USD") + february.totals().get("USD"));
      // the provider returned exactly what the credit notes say
      assertEquals(List.of(12100L, 108900L),
          h.card.refunds().stream().map(ScriptedProvider.Refunded::amountMinor).toList());
      h.requireReconciled(t, "after the refunds");
    }
  }

  @Test
  void aClientWithoutPartnerEarnsNoCommission() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-01-10T08:00:00Z"))) {
      UUID t = h.tenant("direct");
      h.useCard(t);
      UUID p = partner(h);
      paidInvoice(h, t, "1000.00");
      assertEquals(List.of(), h.partners.statement(p, YearMonth.of(2026, 1)).lines());
      assertEquals(List.of(), h.operations.clients(p));
    }
  }
}
