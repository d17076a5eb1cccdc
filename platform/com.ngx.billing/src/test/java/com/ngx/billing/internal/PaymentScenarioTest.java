package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.payment.PaymentEvent;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.web.WebRequest;
import com.ngx.billing.Admission;
import com.ngx.billing.Settlement;
import com.ngx.rest.ApiException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collecting invoices: idempotency keys across retries, dunning on the schedule, hard declines,
 * bank transfers past their due date, manual payments, provider webhooks (each event once) and
 * refunds. The tenant pays Growth (1,497.00 a month) from 2026-03-01, without trial or tax unless a
 * test says otherwise.
 */
class PaymentScenarioTest {
  private static final long GROWTH = 149700;

  private BillingHarness h;

  @BeforeEach
  void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** A card-paying tenant whose first charges answer {@code script}; March is invoiced (and collected). */
  private UUID cardTenant(String slug, PaymentResult.Status... script) {
    UUID t = h.tenant(slug);
    h.useCard(t);
    h.card.script(t, script);
    h.run();
    return t;
  }

  private ObjectNode march(UUID t) {
    return h.issued(t).get(0);
  }

  private UUID id(ObjectNode invoice) {
    return UUID.fromString(invoice.path("id").asText());
  }

  private List<String> keys(ObjectNode invoice) {
    return h.card.charges(id(invoice)).stream().map(c -> c.request().idempotencyKey()).toList();
  }

  private PaymentEvent event(String id, PaymentEvent.Type type, ObjectNode invoice, String reference, long amount) {
    return new PaymentEvent(id, type, invoice.path("id").asText(), reference, amount, "USD", null, h.now());
  }

  @Test
  void theKeyStaysAcrossPendingAnswersAndChangesAfterADefiniteFailure() {
    UUID t = cardTenant("patient", PaymentResult.Status.PENDING, PaymentResult.Status.PENDING,
        PaymentResult.Status.FAILED, PaymentResult.Status.SUCCEEDED);
    ObjectNode i = march(t);
    String key1 = "invoice:" + i.path("id").asText() + ":1";
    String key2 = "invoice:" + i.path("id").asText() + ":2";
    // pending: the same attempt is asked again the next day, not failed
    assertEquals("open", i.path("status").asText());
    assertEquals(0, i.path("attempts").asInt());
    assertEquals("2026-03-02T00:00:00Z", i.path("nextAttemptAt").asText());
    assertEquals("active", h.status(t));
    h.runAt("2026-03-02T00:00:00Z");
    assertEquals(List.of(key1, key1), keys(march(t)));
    // a definite failure: dunning starts; the next attempt has a key of its own
    h.runAt("2026-03-03T00:00:00Z");
    assertEquals(List.of(key1, key1, key1), keys(march(t)));
    assertEquals(1, march(t).path("attempts").asInt());
    assertEquals("2026-03-04T00:00:00Z", march(t).path("nextAttemptAt").asText());
    assertEquals("past_due", h.status(t));
    assertEquals(1, h.mails(t, "payment for invoice NGX-000001 failed"));
    h.runAt("2026-03-04T00:00:00Z");
    assertEquals(List.of(key1, key1, key1, key2), keys(march(t)));
    ObjectNode paid = march(t);
    assertEquals("paid", paid.path("status").asText());
    assertEquals(List.of("failed", "succeeded"),
        paid.path("payments").findValuesAsText("status"));
    assertEquals("active", h.status(t));
    assertEquals(GROWTH, h.card.takenMinor(t), "charged once");
    h.requireReconciled(t, "after the retry");
  }
  @Test
  void aProviderThatThrowsGaveNoDefiniteAnswer() {
    UUID t = h.tenant("unlucky");
    h.useCard(t);
    h.card.scriptFailure(t, new UncheckedIOException("Read timed out", new SocketTimeoutException("Read timed out")));
    h.run();
    ObjectNode i = march(t);
    String key1 = "invoice:" + i.path("id").asText() + ":1";
    assertEquals("active", h.status(t), "an unknown outcome is no payment failure");
    assertEquals(0, h.mails(t, "failed"));
    h.runAt("2026-03-02T00:00:00Z");
    assertEquals(List.of(key1, key1), keys(march(t)), "the retry reuses the key: never charged twice");
    assertEquals("paid", march(t).path("status").asText());
  }

  @Test
  void dunningRetriesOnDays1357ThenSuspendsAndAManualPaymentReactivates() {
    UUID t = cardTenant("declined", PaymentResult.Status.FAILED, PaymentResult.Status.FAILED,
        PaymentResult.Status.FAILED, PaymentResult.Status.FAILED, PaymentResult.Status.FAILED);
    assertEquals("past_due", h.status(t));
    String[][] schedule = {
        // run at (after the first failure at 03-01T00:00), attempts, next attempt
        {"2026-03-02T00:00:00Z", "2", "2026-03-04T00:00:00Z"},
        {"2026-03-04T00:00:00Z", "3", "2026-03-06T00:00:00Z"},
        {"2026-03-06T00:00:00Z", "4", "2026-03-08T00:00:00Z"},
    };
    for (String[] s : schedule) {
      h.runAt(s[0]);
      assertEquals(Integer.parseInt(s[1]), march(t).path("attempts").asInt(), s[0]);
      assertEquals(s[2], march(t).path("nextAttemptAt").asText(), s[0]);
      assertEquals("past_due", h.status(t), s[0]);
    }
    // one hour early: not due yet
    h.runAt("2026-03-07T23:00:00Z");
    assertEquals(4, keys(march(t)).size());
    h.runAt("2026-03-08T00:00:00Z");
    assertEquals(5, keys(march(t)).size());
    assertEquals("suspended", h.status(t));
    assertEquals(4, h.mails(t, "payment for invoice NGX-000001 failed"));
    assertEquals(1, h.mails(t, "last attempt failed"));
    assertEquals(1, h.mails(t, "your subscription is suspended"));
    assertEquals(Admission.SUSPENDED, h.entitlements.admitConversation(h.context(t)).code());
    h.requireReconciled(t, "suspended");

    // the operator records a bank transfer of the full amount
    h.advanceTo("2026-03-12T09:00:00Z");
    ObjectNode paid = h.operations.manualPayment(id(march(t)),
        Plans.JSON.createObjectNode().put("reference", "SEPA 2026-03-12"));
    assertEquals("paid", paid.path("status").asText());
    assertEquals("manual", paid.path("payments").get(5).path("provider").asText());
    assertEquals("active", h.status(t));
    assertTrue(h.entitlements.admitConversation(h.context(t)).allowed());
    assertEquals(1, h.mails(t, "your subscription is active again"));
    h.requireReconciled(t, "paid by transfer");
  }

  @Test
  void aHardDeclineStopsRetriesAndSuspendsAtOnce() {
    UUID t = cardTenant("stolen", PaymentResult.Status.HARD_DECLINED);
    ObjectNode i = march(t);
    assertEquals("open", i.path("status").asText());
    assertEquals(1, i.path("attempts").asInt());
    assertTrue(i.path("nextAttemptAt").isNull());
    assertEquals("hard_declined", i.path("payments").get(0).path("status").asText());
    assertEquals("suspended", h.status(t));
    assertEquals(1, h.mails(t, "last attempt failed, invoice NGX-000001 is unpaid"));
    assertEquals(1, h.mails(t, "your subscription is suspended"));
    Admission a = h.entitlements.admitConversation(h.context(t));
    assertFalse(a.allowed());
    assertEquals(Admission.SUSPENDED, a.code());
    for (String day : List.of("2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z", "2026-03-08T00:00:00Z")) {
      h.runAt(day);
    }
    assertEquals(1, keys(march(t)).size(), "no retry after a hard decline");
    h.requireReconciled(t, "hard declined");
    // a new card: collected at once, reactivated
    h.payments.setPaymentMethod(t, ScriptedProvider.ID, "tok_other", h.subscriptions);
    assertEquals("paid", march(t).path("status").asText());
    assertEquals("active", h.status(t));
    h.requireReconciled(t, "new card");
  }

  @Test
  void aBankTransferUnpaidByItsDueDateIsDunned() {
    UUID t = h.tenant("transfer");
    h.run();
    ObjectNode i = march(t);
    assertEquals("open", i.path("status").asText());
    assertEquals("pending", i.path("payments").get(0).path("status").asText());
    assertEquals("2026-03-15T00:00:00Z", i.path("dueAt").asText(), "14 days to pay");
    assertEquals("2026-03-15T00:00:00Z", i.path("nextAttemptAt").asText());
    h.runAt("2026-03-14T00:00:00Z");
    assertEquals("active", h.status(t));
    h.runAt("2026-03-15T00:00:00Z");
    assertEquals("past_due", h.status(t));
    assertEquals("unpaid", march(t).path("payments").get(0).path("failureCode").asText());
    for (String day : List.of("2026-03-16", "2026-03-18", "2026-03-20")) {
      h.runAt(day + "T00:00:00Z");
      assertEquals("past_due", h.status(t), day);
    }
    h.runAt("2026-03-22T00:00:00Z");
    assertEquals("suspended", h.status(t));
    // the transfer arrives, in two parts
    h.payments.recordManualPayment(id(i), 100000, "first part");
    assertEquals("suspended", h.status(t));
    assertEquals(GROWTH - 100000, march(t).path("amountDueMinor").asLong());
    h.requireReconciled(t, "partly paid");
    ApiException tooMuch = assertThrows(ApiException.class,
        () -> h.payments.recordManualPayment(id(i), GROWTH, "too much"));
    assertEquals(400, tooMuch.status());
    h.payments.recordManualPayment(id(i), GROWTH - 100000, "second part");
    assertEquals("paid", march(t).path("status").asText());
    assertEquals("active", h.status(t));
    h.requireReconciled(t, "paid");
  }

  @Test
  void aWebhookEventIsAppliedOnceAndASucceededEventPaysThePendingInvoice() {
    UUID t = cardTenant("async", PaymentResult.Status.PENDING);
    ObjectNode i = march(t);
    String reference = i.path("payments").get(0).path("reference").asText();
    assertEquals("pending", i.path("payments").get(0).path("status").asText());
    WebRequest hook = h.card.webhook(event("evt_1", PaymentEvent.Type.SUCCEEDED, i, reference, GROWTH));
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID, hook));
    ObjectNode paid = march(t);
    assertEquals("paid", paid.path("status").asText());
    assertEquals(GROWTH, minor(paid, "amountPaid"));
    long ledger = h.db.number("select count(*) from bill_ledger where tenant_id = ?", t.toString());
    // the provider delivers again, and sends the same event in another call
    assertEquals(0, h.payments.webhook(ScriptedProvider.ID, hook));
    assertEquals(0, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_1", PaymentEvent.Type.SUCCEEDED, i, reference, GROWTH))));
    assertEquals(ledger, h.db.number("select count(*) from bill_ledger where tenant_id = ?", t.toString()));
    assertEquals(1, march(t).path("payments").size());
    assertEquals(1, h.mails(t, "payment of USD 1,497.00 received"));
    h.requireReconciled(t, "after the webhooks");
  }

  @Test
  void aFailedEventForAPendingPaymentStartsDunning() {
    UUID t = cardTenant("bounced", PaymentResult.Status.PENDING);
    ObjectNode i = march(t);
    String reference = i.path("payments").get(0).path("reference").asText();
    h.advanceTo("2026-03-01T06:00:00Z");
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_f", PaymentEvent.Type.FAILED, i, reference, GROWTH))));
    ObjectNode failed = march(t);
    assertEquals("failed", failed.path("payments").get(0).path("status").asText());
    assertEquals(1, failed.path("attempts").asInt());
    // retries are due from the start of their day: the day after the first failure
    assertEquals("2026-03-02T00:00:00Z", failed.path("nextAttemptAt").asText());
    assertEquals("past_due", h.status(t));
  }

  @Test
  void aRefundedEventCreditsOnlyWhatWasNotCreditedYet() {
    UUID t = cardTenant("refunds");
    ObjectNode i = march(t);
    String reference = i.path("payments").get(0).path("reference").asText();
    // the operator refunds 100.00 through billing: the provider is asked, a credit note written
    h.advanceTo("2026-03-05T00:00:00Z");
    InvoiceEntity first = h.payments.refund(id(i), null, 10000L, "goodwill");
    assertEquals("NGX-CN-000001", first.number);
    assertEquals(10000, first.totalMinor);
    assertEquals(List.of(10000L), h.card.refunds().stream().map(ScriptedProvider.Refunded::amountMinor).toList());
    // the provider reports 300.00 refunded in all (100.00 of them ours): only 200.00 more is credited
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_r1", PaymentEvent.Type.REFUNDED, i, reference, 30000))));
    List<ObjectNode> notes = creditNotes(t);
    assertEquals(2, notes.size());
    assertEquals("NGX-CN-000002", notes.get(1).path("number").asText());
    assertEquals(20000, notes.get(1).path("totalMinor").asLong());
    assertEquals("refunded", notes.get(1).path("reason").asText());
    // the same total again, in another event: nothing more
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_r2", PaymentEvent.Type.REFUNDED, i, reference, 30000))));
    assertEquals(2, creditNotes(t).size());
    // all of it: 1,497.00 − 300.00 = 1,197.00 more
    h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_r3", PaymentEvent.Type.REFUNDED, i, reference, GROWTH)));
    assertEquals(119700, creditNotes(t).get(2).path("totalMinor").asLong());
    assertEquals(1, h.card.refunds().size(), "refunds the provider reports are not asked of it again");
    ApiException nothingLeft = assertThrows(ApiException.class, () -> h.payments.refund(id(i), null, 1L, "more"));
    assertEquals(400, nothingLeft.status());
    assertEquals("paid", march(t).path("status").asText());
    h.requireReconciled(t, "after the refunds");
  }

  private List<ObjectNode> creditNotes(UUID t) {
    return h.invoices(t).stream().filter(n -> n.path("kind").asText().equals("credit_note"))
        .sorted(Comparator.comparing(n -> n.path("number").asText())).toList();
  }

  @Test
  void aDisputeCreditsAllLinesAsAChargebackAndReversesSettlements() {
    UUID t = h.tenant("disputed");
    h.useCard(t);
    h.run();
    h.marketplace.add(t, YearMonth.of(2026, 3), "ledger:77", "Bookings add-on, March", 1, 2900);
    h.runAt("2026-04-01T00:00:00Z");
    ObjectNode april = h.issued(t).get(1);
    // 1,497.00 + 29.00 = 1,526.00
    assertEquals(152600, april.path("totalMinor").asLong());
    assertEquals("paid", april.path("status").asText());
    String reference = april.path("payments").get(0).path("reference").asText();
    h.advanceTo("2026-04-20T00:00:00Z");
    WebRequest hook = h.card.webhook(event("evt_d", PaymentEvent.Type.DISPUTED, april, reference, 152600));
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID, hook));
    assertEquals(0, h.payments.webhook(ScriptedProvider.ID, hook));
    List<ObjectNode> notes = creditNotes(t);
    assertEquals(1, notes.size());
    ObjectNode cb = notes.get(0);
    assertEquals("chargeback", cb.path("reason").asText());
    assertEquals(152600, cb.path("totalMinor").asLong());
    assertEquals(2, cb.path("lines").size(), "every line credited");
    assertEquals(april.path("id").asText(), cb.path("originalInvoiceId").asText());
    List<Settlement> settled = h.settlements.settled(FakeChargeSource.SOURCE, YearMonth.of(2026, 4));
    assertEquals(List.of(Settlement.PAID, Settlement.CHARGEBACK), settled.stream().map(Settlement::kind).toList());
    assertEquals(List.of(2900L, -2900L), settled.stream().map(Settlement::amountMinor).toList());
    assertEquals("ledger:77", settled.get(1).ref());
    h.requireReconciled(t, "after the chargeback");
  }
  @Test
  void aDisputeAfterAPartialRefundChargesBackWhatIsLeft() {
    UUID t = cardTenant("partly");
    ObjectNode i = march(t);
    String reference = i.path("payments").get(0).path("reference").asText();
    h.payments.refund(id(i), null, 10000L, "goodwill");
    // 1,497.00 − 100.00 refunded = 1,397.00 left to charge back
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_d2", PaymentEvent.Type.DISPUTED, i, reference, GROWTH))));
    List<ObjectNode> notes = creditNotes(t);
    assertEquals(2, notes.size());
    assertEquals("chargeback", notes.get(1).path("reason").asText());
    assertEquals(139700, notes.get(1).path("totalMinor").asLong());
    h.requireReconciled(t, "after the chargeback");
  }
  @Test
  void aDisputeReversesThePartnersCommission() {
    UUID t = h.tenant("partnered");
    h.useCard(t);
    ObjectNode partner = h.operations.createPartner(
        Plans.JSON.createObjectNode().put("name", "Agency").put("email", "ops@agency.example"));
    UUID p = UUID.fromString(partner.path("id").asText());
    h.operations.assignPartner(t, Plans.JSON.createObjectNode().put("partnerId", p.toString()));
    h.run();
    ObjectNode i = march(t);
    // 30% of 1,497.00 = 449.10
    assertEquals(44910, h.partners.statement(p, YearMonth.of(2026, 3)).totals().get("USD"));
    String reference = i.path("payments").get(0).path("reference").asText();
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_d", PaymentEvent.Type.DISPUTED, i, reference, GROWTH))));
    assertEquals(0, h.partners.statement(p, YearMonth.of(2026, 3)).totals().get("USD"));
  }
  @Test
  void aTaxInclusiveRefundCreditsExactlyTheRefundedAmount() {
    UUID t = h.tenant("taxrefund");
    h.billingDetails(t, null, "ES");
    h.operations.setTaxRate("ES", Plans.JSON.createObjectNode().put("name", "IVA").put("ratePercent", "21"));
    h.useCard(t);
    h.run();
    ObjectNode i = march(t);
    // 1,497.00 + 21% (314.37) = 1,811.37
    assertEquals(181137, i.path("totalMinor").asLong());
    InvoiceEntity note = h.payments.refund(id(i), null, 1000L, "goodwill");
    assertEquals(1000, h.card.refunds().get(0).amountMinor());
    assertEquals(1000, note.totalMinor, "the credit note says what left the account");
    String reference = i.path("payments").get(0).path("reference").asText();
    h.payments.webhook(ScriptedProvider.ID,
        h.card.webhook(event("evt_r", PaymentEvent.Type.REFUNDED, i, reference, 1000)));
    assertEquals(1, creditNotes(t).size(), "the provider's report of the same refund credits nothing more");
  }

  @Test
  void webhooksAreVerifiedAndRoutedByProvider() {
    WebRequest unsigned = new WebRequest("POST", "/webhook", Map.of(), Map.of(), new byte[0], true);
    ApiException bad = assertThrows(ApiException.class, () -> h.payments.webhook(ScriptedProvider.ID, unsigned));
    assertEquals(400, bad.status());
    WebRequest unknownBody = new WebRequest("POST", "/webhook", Map.of(),
        Map.of(ScriptedProvider.SIGNATURE, List.of("valid")), "nope".getBytes(), true);
    assertEquals(400, assertThrows(ApiException.class,
        () -> h.payments.webhook(ScriptedProvider.ID, unknownBody)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> h.payments.webhook("paypal", unsigned)).status());
    // an event about no invoice here is recorded and ignored
    assertEquals(1, h.payments.webhook(ScriptedProvider.ID, h.card.webhook(new PaymentEvent("evt_x",
        PaymentEvent.Type.SUCCEEDED, UUID.randomUUID().toString(), "ch_elsewhere", 100, "USD", null, h.now()))));
  }

  @Test
  void onlyInstalledProvidersCanBeChosen() {
    UUID t = h.tenant("chooser");
    ApiException e = assertThrows(ApiException.class,
        () -> h.payments.setPaymentMethod(t, "paypal", "tok", h.subscriptions));
    assertEquals(400, e.status());
    assertEquals("provider", e.errors().get(0).field());
    ApiException noToken = assertThrows(ApiException.class,
        () -> h.payments.setPaymentMethod(t, ScriptedProvider.ID, " ", h.subscriptions));
    assertEquals("token", noToken.errors().get(0).field());
    SubscriptionView v = h.payments.setPaymentMethod(t, "manual", null, h.subscriptions);
    assertEquals("manual", v.provider());
    assertNull(v.paymentMethod());
    assertEquals(List.of("card", "manual"), h.payments.providerIds());
  }
}
