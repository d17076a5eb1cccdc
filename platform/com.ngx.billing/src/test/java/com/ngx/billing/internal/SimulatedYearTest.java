package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.lines;
import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.event.EventTypes;
import com.ngx.api.payment.PaymentResult;
import com.ngx.billing.Admission;
import com.ngx.billing.UsageEvent;
import com.ngx.rest.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One tenant's first year, through what the REST resources call: a trial, the first prorated
 * invoice, renewals, an upgrade in the middle of a month, a card that fails through the whole dunning
 * schedule, suspension, a new card and reactivation, a downgrade at the month's end, overage, and a
 * cancellation. After every step the tenant's ledger reconciles to the cent; at the end the invoice
 * numbers have no gap and every total is subtotal + tax.
 *
 * <p>The tenant is in Germany (MwSt 19%); amounts are worked out by hand below. Prorations round
 * half to even, tax rounds half up, both to the cent.
 */
class SimulatedYearTest {
  private BillingHarness h;
  private UUID acme;
  private final List<String> steps = new ArrayList<>();

  @BeforeEach
  void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Records the step and checks the ledger: sum of entries == open amounts due − credit balance. */
  private void reconciled(String step) {
    steps.add(step);
    h.requireReconciled(acme, step);
  }

  private ObjectNode invoiceNumbered(String number) {
    return h.issued(acme).stream().filter(i -> i.path("number").asText().equals(number)).findFirst()
        .orElseThrow(() -> new AssertionError("no invoice " + number + " in " + h.issued(acme)));
  }

  /** An invoice of one plan line of {@code subtotal}, with 19% tax, paid in full. */
  private void assertPaidPlanInvoice(String number, String description, long subtotal, long tax) {
    ObjectNode i = invoiceNumbered(number);
    assertEquals("paid", i.path("status").asText(), number);
    assertEquals(subtotal, minor(i, "subtotal"), number);
    assertEquals(tax, minor(i, "tax"), number);
    assertEquals(subtotal + tax, i.path("totalMinor").asLong(), number);
    assertEquals(subtotal + tax, minor(i, "amountPaid"), number);
    assertEquals(description, lines(i, "plan").get(0).path("description").asText(), number);
  }

  private Admission admit() {
    return h.entitlements.admitConversation(h.context(acme));
  }

  @Test
  void aYearOfBilling() {
    // 2026-01-10: provisioned; a trial of Growth for 14 days; billing details and a card
    acme = h.tenant("acme");
    h.billingDetails(acme, "billing@acme.example", "DE");
    h.operations.setTaxRate("DE", Plans.JSON.createObjectNode().put("name", "MwSt").put("ratePercent", "19"));
    h.useCard(acme);
    SubscriptionView v = h.subscriptions.view(acme);
    assertEquals("growth", v.plan());
    assertEquals("trialing", v.status());
    assertEquals(Instant.parse("2026-01-24T00:00:00Z"), v.trialEnd());
    assertTrue(admit().allowed());
    reconciled("provisioned");

    // a run during the trial bills nothing
    h.runAt("2026-01-20T00:00:00Z");
    assertEquals(List.of(), h.invoices(acme));
    reconciled("during the trial");

    // 2026-01-24: the trial ends; the rest of January is prorated by days:
    // 1,497.00 × 8/31 (24th–31st) = 386.3225… → 386.32; MwSt 19% = 73.4008 → 73.40; total 459.72
    h.runAt("2026-01-24T00:00:00Z");
    assertEquals("active", h.status(acme));
    assertPaidPlanInvoice("NGX-000001", "Growth plan, 2026-01-24 to 2026-01-31 (8 of 31 days)", 38632, 7340);
    reconciled("trial ended");

    // 2026-02-01 and 03-01: monthly renewals in advance: 1,497.00 + 19% (284.43) = 1,781.43
    h.runAt("2026-02-01T00:00:00Z");
    assertPaidPlanInvoice("NGX-000002", "Growth plan, 2026-02-01 to 2026-02-28", 149700, 28443);
    reconciled("February renewal");
    h.runAt("2026-03-01T00:00:00Z");
    assertPaidPlanInvoice("NGX-000003", "Growth plan, 2026-03-01 to 2026-03-31", 149700, 28443);
    reconciled("March renewal");

    // 2026-03-16: upgrade to Scale now; 16 of March's 31 days remain:
    // credit 1,497.00 × 16/31 = 772.6451… → 772.65; charge 3,997.00 × 16/31 = 2,062.9677… → 2,062.97
    // subtotal 2,062.97 − 772.65 = 1,290.32; MwSt 19% = 245.1608 → 245.16; total 1,535.48
    h.advanceTo("2026-03-16T10:00:00Z");
    v = h.subscriptions.change(acme, "scale", "now");
    assertEquals("scale", v.plan());
    ObjectNode upgrade = invoiceNumbered("NGX-000004");
    assertEquals("plan_change", upgrade.path("reason").asText());
    List<JsonNode> credit = lines(upgrade, "proration_credit");
    List<JsonNode> charge = lines(upgrade, "proration_charge");
    assertEquals(1, credit.size());
    assertEquals(1, charge.size());
    assertEquals(-77265, credit.get(0).path("amountMinor").asLong());
    assertEquals("Unused time on Growth (16 of 31 days)", credit.get(0).path("description").asText());
    assertEquals(206297, charge.get(0).path("amountMinor").asLong());
    assertEquals("Remaining time on Scale (16 of 31 days)", charge.get(0).path("description").asText());
    assertEquals(129032, minor(upgrade, "subtotal"));
    assertEquals(24516, minor(upgrade, "tax"));
    assertEquals(153548, upgrade.path("totalMinor").asLong());
    assertEquals("paid", upgrade.path("status").asText(), "collected at once");
    reconciled("upgrade");

    // 2026-04-01: Scale renewal 3,997.00 + 19% (759.43) = 4,756.43; the card fails from now on
    h.card.script(acme, PaymentResult.Status.FAILED, PaymentResult.Status.FAILED, PaymentResult.Status.FAILED,
        PaymentResult.Status.FAILED, PaymentResult.Status.FAILED);
    h.runAt("2026-04-01T00:00:00Z");
    ObjectNode april = invoiceNumbered("NGX-000005");
    assertEquals(399700, minor(april, "subtotal"));
    assertEquals(75943, minor(april, "tax"));
    assertEquals("open", april.path("status").asText());
    assertEquals(1, april.path("attempts").asInt());
    assertEquals("2026-04-02T00:00:00Z", april.path("nextAttemptAt").asText(), "first retry: day 1");
    assertEquals("past_due", h.status(acme));
    assertEquals(1, h.mails(acme, "payment for invoice NGX-000005 failed"));
    assertTrue(admit().allowed(), "past due still serves");
    reconciled("first failure");

    // the dunning schedule: retries 1, 3, 5 and 7 days after the first failure, a mail at each
    String[][] retries = {
        // run at,                 attempts, next attempt,           failure mails
        {"2026-04-02T00:00:00Z", "2", "2026-04-04T00:00:00Z", "2"},
        {"2026-04-03T00:00:00Z", "2", "2026-04-04T00:00:00Z", "2"}, // nothing due: no attempt
        {"2026-04-04T00:00:00Z", "3", "2026-04-06T00:00:00Z", "3"},
        {"2026-04-05T00:00:00Z", "3", "2026-04-06T00:00:00Z", "3"},
        {"2026-04-06T00:00:00Z", "4", "2026-04-08T00:00:00Z", "4"},
        {"2026-04-07T00:00:00Z", "4", "2026-04-08T00:00:00Z", "4"},
    };
    for (String[] r : retries) {
      h.runAt(r[0]);
      ObjectNode i = invoiceNumbered("NGX-000005");
      assertEquals(Integer.parseInt(r[1]), i.path("attempts").asInt(), r[0]);
      assertEquals(r[2], i.path("nextAttemptAt").asText(), r[0]);
      assertEquals(Long.parseLong(r[3]), h.mails(acme, "payment for invoice NGX-000005 failed"), r[0]);
      assertEquals("past_due", h.status(acme), r[0]);
      reconciled("retry at " + r[0]);
    }
    // 2026-04-08 (day 7): the last retry fails; no more attempts; suspended
    h.runAt("2026-04-08T00:00:00Z");
    ObjectNode unpaid = invoiceNumbered("NGX-000005");
    assertEquals(5, unpaid.path("attempts").asInt());
    assertTrue(unpaid.path("nextAttemptAt").isNull());
    assertEquals("suspended", h.status(acme));
    assertEquals(1, h.mails(acme, "last attempt failed, invoice NGX-000005 is unpaid"));
    assertEquals(1, h.mails(acme, "your subscription is suspended, invoice NGX-000005 is unpaid"));
    assertEquals(5, h.card.charges(UUID.fromString(unpaid.path("id").asText())).size());
    Admission refused = admit();
    assertFalse(refused.allowed());
    assertEquals(Admission.SUSPENDED, refused.code());
    ApiException whileSuspended = assertThrows(ApiException.class, () -> h.subscriptions.change(acme, "growth", "now"));
    assertEquals(409, whileSuspended.status());
    reconciled("suspended");
    // runs while suspended try nothing more
    h.runAt("2026-04-09T00:00:00Z");
    assertEquals(5, h.card.charges(UUID.fromString(unpaid.path("id").asText())).size());
    reconciled("suspended, a day later");

    // 2026-04-10: a new card; the open invoice is collected at once and the tenant is reactivated
    h.advanceTo("2026-04-10T15:00:00Z");
    h.payments.setPaymentMethod(acme, ScriptedProvider.ID, "tok_new_card", h.subscriptions);
    ObjectNode paid = invoiceNumbered("NGX-000005");
    assertEquals("paid", paid.path("status").asText());
    assertEquals(475643, minor(paid, "amountPaid"));
    assertEquals("active", h.status(acme));
    assertNull(h.subscriptions.view(acme).suspendedAt());
    assertEquals(1, h.mails(acme, "your subscription is active again"));
    assertTrue(admit().allowed());
    assertEquals("pm_tok_new_card",
        Views.readJson(h.subscriptions.view(acme).paymentMethod()).path("reference").asText());
    reconciled("reactivated");

    // 2026-05-01: Scale renewal, 4,756.43
    h.runAt("2026-05-01T00:00:00Z");
    assertPaidPlanInvoice("NGX-000006", "Scale plan, 2026-05-01 to 2026-05-31", 399700, 75943);
    reconciled("May renewal");

    // 2026-05-10: downgrade to Growth at the month's end: nothing is invoiced now
    h.advanceTo("2026-05-10T00:00:00Z");
    v = h.subscriptions.change(acme, "growth", "period_end");
    assertEquals("scale", v.plan());
    assertEquals("growth", v.nextPlan());
    assertEquals(6, h.issued(acme).size());
    reconciled("downgrade scheduled");

    // 2026-06-01: Growth from June: 1,781.43
    h.runAt("2026-06-01T00:00:00Z");
    assertEquals("growth", h.subscriptions.view(acme).plan());
    assertNull(h.subscriptions.view(acme).nextPlan());
    assertPaidPlanInvoice("NGX-000007", "Growth plan, 2026-06-01 to 2026-06-30", 149700, 28443);
    reconciled("June renewal");

    h.runAt("2026-07-01T00:00:00Z");
    assertPaidPlanInvoice("NGX-000008", "Growth plan, 2026-07-01 to 2026-07-31", 149700, 28443);
    reconciled("July renewal");

    // July: 5,003 conversations, 3 over Growth's 5,000; 80% and 100% warnings once each
    h.advanceTo("2026-07-15T00:00:00Z");
    List<UsageEvent> july = new ArrayList<>();
    for (int k = 0; k < 5003; k++) {
      july.add(new UsageEvent("conversation:" + k, UsageEvent.CONVERSATION, 1, h.now()));
    }
    assertEquals(5003, h.metering.record(h.context(acme), july));
    assertEquals(2, h.events.of(acme, EventTypes.QUOTA_WARNING).size());
    assertTrue(admit().allowed(), "Growth has an overage price: no hard stop");
    reconciled("July usage");

    // 2026-08-01: 1,497.00 + overage 3 × 0.40 = 1.20 → subtotal 1,498.20; 19% = 284.658 → 284.66;
    // total 1,782.86
    h.runAt("2026-08-01T00:00:00Z");
    assertPaidPlanInvoice("NGX-000009", "Growth plan, 2026-08-01 to 2026-08-31", 149820, 28466);
    List<JsonNode> overage = lines(invoiceNumbered("NGX-000009"), "overage");
    assertEquals(1, overage.size());
    assertEquals(3, overage.get(0).path("quantity").asLong());
    assertEquals(40, minor(overage.get(0), "unitAmount"));
    assertEquals(120, overage.get(0).path("amountMinor").asLong());
    reconciled("August renewal with overage");

    String[][] renewals = {
        {"2026-09-01T00:00:00Z", "NGX-000010", "Growth plan, 2026-09-01 to 2026-09-30"},
        {"2026-10-01T00:00:00Z", "NGX-000011", "Growth plan, 2026-10-01 to 2026-10-31"},
        {"2026-11-01T00:00:00Z", "NGX-000012", "Growth plan, 2026-11-01 to 2026-11-30"},
        {"2026-12-01T00:00:00Z", "NGX-000013", "Growth plan, 2026-12-01 to 2026-12-31"},
    };
    for (String[] r : renewals) {
      h.runAt(r[0]);
      assertPaidPlanInvoice(r[1], r[2], 149700, 28443);
      reconciled("renewal " + r[1]);
    }

    // 2026-12-15: cancel at the month's end; the agents serve until then
    h.advanceTo("2026-12-15T00:00:00Z");
    v = h.subscriptions.cancel(acme, "period_end");
    assertTrue(v.cancelAtPeriodEnd());
    assertEquals("active", v.status());
    assertTrue(admit().allowed());
    reconciled("cancellation scheduled");

    // 2027-01-01: cancelled; nothing more is invoiced
    h.runAt("2027-01-01T00:00:00Z");
    v = h.subscriptions.view(acme);
    assertEquals("cancelled", v.status());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), v.cancelledAt());
    Admission ended = admit();
    assertFalse(ended.allowed());
    assertEquals(Admission.CANCELLED, ended.code());
    reconciled("cancelled");
    h.runAt("2027-01-10T00:00:00Z");
    reconciled("a year after provisioning");

    // the year's invoices: NGX-000001 … NGX-000013, no gap, each total = subtotal + tax, all paid
    List<ObjectNode> year = h.issued(acme);
    assertEquals(13, year.size());
    long invoiced = 0;
    for (int k = 0; k < year.size(); k++) {
      ObjectNode i = year.get(k);
      assertEquals(String.format("NGX-%06d", k + 1), i.path("number").asText());
      assertEquals(minor(i, "subtotal") + minor(i, "tax"), i.path("totalMinor").asLong(), i.path("number").asText());
      assertEquals("paid", i.path("status").asText(), i.path("number").asText());
      invoiced += i.path("totalMinor").asLong();
    }
    // 459.72 + 1,781.43 × 2 + 1,535.48 + 4,756.43 × 2 + 1,781.43 × 2 + 1,782.86 + 1,781.43 × 4 = 27,542.36
    assertEquals(2754236, invoiced);
    assertEquals(invoiced, h.card.takenMinor(acme), "the card was charged once per invoice");
    ObjectNode books = h.reconciliation(acme);
    assertEquals(0, books.path("ledgerBalanceMinor").asLong());
    assertEquals(0, books.path("creditBalanceMinor").asLong());
    assertEquals(13, h.events.of(acme, EventTypes.INVOICE_ISSUED).size());
    assertEquals(13, h.events.of(acme, EventTypes.INVOICE_PAID).size());
    assertTrue(steps.size() > 25);
  }
}
