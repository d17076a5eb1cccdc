package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.event.EventTypes;
import com.ngx.api.payment.PaymentResult;
import com.ngx.rest.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The harness itself: a database and clock of its own, the fakes, the shortcuts tests rely on. */
class BillingHarnessTest {

  @Test
  void eachHarnessHasItsOwnDatabaseAndClock() {
    try (BillingHarness a = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"), Map.of("trialDays", 0));
        BillingHarness b = BillingHarness.startingAt(Instant.parse("2030-06-01T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID ta = a.tenant("alpha");
      UUID tb = b.tenant("beta");
      a.run();
      b.run();
      assertEquals("NGX-000001", a.issued(ta).get(0).path("number").asText());
      assertEquals("NGX-000001", b.issued(tb).get(0).path("number").asText(), "numbers count per database");
      assertEquals(404, assertThrows(ApiException.class, () -> a.subscriptions.view(tb)).status());
      a.advanceTo("2026-02-01T00:00:00Z");
      assertEquals(Instant.parse("2030-06-01T00:00:00Z"), b.now());
      assertEquals(Duration.ofDays(22), a.clock.offset());
      assertEquals("2030-06", b.issued(tb).get(0).path("period").asText());
    }
  }

  @Test
  void theFakesRecordWhatBillingDid() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID t = h.tenant("recorded");
      assertEquals("Recorded Ltd", h.accounts.json(t).path("billingName").asText());
      assertEquals("billing@recorded.example", h.accounts.json(t).path("email").asText());
      h.useCard(t);
      assertEquals("card", h.accounts.json(t).path("provider").asText());
      assertEquals("4242", h.accounts.json(t).path("paymentMethod").path("last4").asText());
      h.card.script(t, PaymentResult.Status.FAILED);
      h.run();
      h.runAt("2026-01-11T00:00:00Z");
      List<ScriptedProvider.Charged> charges = h.card.charges();
      assertEquals(2, charges.size());
      assertEquals(PaymentResult.Status.FAILED, charges.get(0).result().status());
      assertEquals(PaymentResult.Status.SUCCEEDED, charges.get(1).result().status(), "unscripted charges succeed");
      assertEquals(charges.get(1).request().amountMinor(), h.card.takenMinor(t));
      assertEquals(1, h.events.of(t, EventTypes.INVOICE_PAID).size());
      assertEquals(3, h.mails(t, "NGX-000001"), "issued, failed, paid");
      assertTrue(h.marketplace.closed().contains(YearMonth.of(2025, 12)));
    }
  }
}
