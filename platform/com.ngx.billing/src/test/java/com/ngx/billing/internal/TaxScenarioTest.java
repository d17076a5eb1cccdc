package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tax on invoices: the rate of the account's country (set with {@link BillingOperations#setTaxRate}),
 * none for exempt accounts, the configured default elsewhere; computed once on the subtotal and
 * rounded half up.
 */
class TaxScenarioTest {
  private static BillingHarness h;

  @BeforeAll
  static void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-05-04T09:00:00Z"));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static ObjectNode body(String amount, String description) {
    ObjectNode body = Plans.JSON.createObjectNode();
    ArrayNode lines = body.putArray("lines");
    lines.addObject().put("description", description).put("amount", amount);
    return body;
  }

  /** An operator's invoice of one line for the tenant, finalized (and, on bank transfer, left open). */
  private static ObjectNode invoice(UUID tenant, String amount) {
    ObjectNode draft = h.operations.draft(tenant, body(amount, "Onboarding workshop"));
    return h.operations.finalizeInvoice(UUID.fromString(draft.path("id").asText()));
  }

  private static void rate(String country, String name, String percent) {
    h.operations.setTaxRate(country, Plans.JSON.createObjectNode().put("name", name).put("ratePercent", percent));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                            country, tax name,  rate,  exempt, amount,  tax,   total,  shown as
      'Spain, IVA: 1,497.00 × 21% = 314.37',             ES,      IVA,       21,    false,  1497.00, 31437, 181137, IVA 21%
      'Germany, MwSt: 1,497.00 × 19% = 284.43',          DE,      MwSt,      19,    false,  1497.00, 28443, 178143, MwSt 19%
      'four decimals: 1,497.00 × 8.875% = 132.85875',    US,      Sales tax, 8.875, false,  1497.00, 13286, 162986, Sales tax 8.875%
      'a tie rounds half up: 2.50 × 21% = 0.525 → 0.53', ES,      IVA,       21,    false,  2.50,    53,    303,    IVA 21%
      'to the cent: 999.99 × 7.25% = 72.499275 → 72.50', AU,      GST,       7.25,  false,  999.99,  7250,  107249, GST 7.25%
      'a zero rate: no tax line',                        GB,      VAT,       0,     false,  1497.00, 0,     149700,
      'an exempt account in Spain: no tax',              ES,      IVA,       21,    true,   1497.00, 0,     149700,
      'a country without a rate: the default, 0%',       BR,      ,          ,      false,  1497.00, 0,     149700,
      'no country: the default, 0%',                     ,        ,          ,      false,  1497.00, 0,     149700,
      """)
  void taxByCountry(String description, String country, String taxName, String rate, boolean exempt, String amount,
      long tax, long total, String shownAs) {
    UUID t = h.tenant("taxed");
    if (country != null) {
      h.billingDetails(t, null, country);
    }
    if (rate != null) {
      rate(country, taxName, rate);
    }
    if (exempt) {
      h.operations.override(t, Plans.JSON.createObjectNode().put("taxExempt", true));
    }
    ObjectNode i = invoice(t, amount);
    long subtotal = minor(i, "subtotal");
    assertEquals(tax, minor(i, "tax"));
    assertEquals(total, i.path("totalMinor").asLong());
    assertEquals(subtotal + tax, i.path("totalMinor").asLong());
    assertEquals(shownAs, i.path("taxName").isNull() ? null : i.path("taxName").asText());
    assertEquals("open", i.path("status").asText(), "awaiting the bank transfer");
    assertEquals(total, i.path("amountDueMinor").asLong());
    h.requireReconciled(t, description);
  }

  @Test
  void anIssuedInvoiceKeepsItsRateAndItsCreditNotesUseIt() {
    UUID t = h.tenant("kept");
    h.billingDetails(t, null, "PT");
    rate("PT", "IVA", "23");
    h.useCard(t);
    // 200.00 + 23% (46.00) = 246.00, paid by card at once
    ObjectNode i = invoice(t, "200.00");
    assertEquals(24600, i.path("totalMinor").asLong());
    assertEquals("paid", i.path("status").asText());
    rate("PT", "IVA", "24");
    ObjectNode again = h.invoice(i.path("id").asText());
    assertEquals(4600, minor(again, "tax"));
    assertEquals("IVA 23%", again.path("taxName").asText());
    // a refund of the line credits 200.00 + 23% = 246.00, not the new 24%
    String line = again.path("lines").get(0).path("id").asText();
    InvoiceEntity note =
        h.payments.refund(UUID.fromString(i.path("id").asText()), List.of(line), null, "workshop cancelled");
    ObjectNode cn = h.invoice(note.id);
    assertEquals(20000, minor(cn, "subtotal"));
    assertEquals(4600, minor(cn, "tax"));
    assertEquals(24600, cn.path("totalMinor").asLong());
    assertEquals(24600, h.card.refunds().get(h.card.refunds().size() - 1).amountMinor());
    // and a new invoice has the new rate: 200.00 + 24% = 248.00
    assertEquals(24800, invoice(t, "200.00").path("totalMinor").asLong());
    h.requireReconciled(t, "after the refund");
  }

  @Test
  void theConfiguredDefaultRateAppliesWhereACountryHasNone() {
    try (BillingHarness own = BillingHarness.startingAt(Instant.parse("2026-05-01T00:00:00Z"),
        Map.of("defaultTaxRate", "10", "trialDays", 0))) {
      UUID t = own.tenant("defaulted");
      own.billingDetails(t, null, "JP");
      own.useCard(t);
      // the first month on Growth: 1,497.00 + 10% (149.70) = 1,646.70
      own.run();
      ObjectNode first = own.issued(t).get(0);
      assertEquals(14970, minor(first, "tax"));
      assertEquals(164670, first.path("totalMinor").asLong());
      assertEquals("Tax 10%", first.path("taxName").asText());
      assertTrue(first.path("taxRatePercent").decimalValue().compareTo(java.math.BigDecimal.TEN) == 0);
    }
  }
}
