package com.ngx.itests;

import static com.ngx.itests.RunningDistribution.JSON;
import static com.ngx.itests.RunningDistribution.OPERATOR_KEY;
import static com.ngx.itests.RunningDistribution.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.ngx.marketplace.testkit.TestSigner;
import com.ngx.payment.stripe.testing.FakeStripe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing in the running distribution, over HTTP, with the test clock: a year of a tenant's life
 * (trial, paid months, an upgrade with proration, card declines through dunning to suspension, a
 * new card and reactivation, a refund by webhook, a downgrade, cancellation), paid through the
 * Stripe plugin against a local server that speaks Stripe's API, mail to a real SMTP server, and
 * the ledger reconciled to the cent after every step. Also the plan catalogue, the freemium hard
 * stop with its warnings, partners' commissions, and tenant isolation.
 */
class BillingIT {
  static final String WEBHOOK_SECRET = "whsec_ngx_itest_secret";
  static RunningDistribution ngx;
  static FakeStripe stripe;
  static GreenMail smtp;
  /** Every tenant this class created: their invoices share the platform's number sequence. */
  static final List<String> TENANTS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    stripe = FakeStripe.start();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    ngx = RunningDistribution.start(false,
        "system.properties", "ngx.billing.testClock = true",
        "com.ngx.billing.cfg", "runIntervalSeconds = 0",
        "com.ngx.billing.mail.cfg", "enabled = true\nhost = 127.0.0.1\nport = " + smtp.getSmtp().getPort()
            + "\nfrom = billing@ngx.example",
        "com.ngx.billing.provider.stripe.cfg", "apiKey = " + stripe.apiKey() + "\napiBase = " + stripe.apiBase()
            + "\nwebhookSecret = " + WEBHOOK_SECRET);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ngx != null) {
      ngx.close();
    }
    if (stripe != null) {
      stripe.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void thePlansAreOnSale() throws Exception {
    JsonNode plans = expect(200, ngx.get("/plans", null));
    Map<String, JsonNode> byId = new java.util.HashMap<>();
    plans.forEach(p -> byId.put(p.path("id").asText(), p));
    assertEquals(new TreeSet<>(List.of("freemium", "starter", "growth", "scale", "enterprise", "revenue-share")),
        new TreeSet<>(byId.keySet()), plans.toString());
    assertEquals(0, new BigDecimal("497.00").compareTo(byId.get("starter").path("price").decimalValue()));
    assertEquals("USD", byId.get("starter").path("currency").asText());
    assertEquals(1000, byId.get("starter").path("limits").path("conversationsPerMonth").asInt());
    assertEquals(0, new BigDecimal("1497.00").compareTo(byId.get("growth").path("price").decimalValue()));
    assertEquals(5000, byId.get("growth").path("limits").path("conversationsPerMonth").asInt());
    assertEquals(0, new BigDecimal("3997.00").compareTo(byId.get("scale").path("price").decimalValue()));
    assertEquals(10, byId.get("scale").path("limits").path("activeAgents").asInt());
    assertTrue(byId.get("enterprise").path("price").isNull(), "enterprise is priced per customer");
    assertTrue(byId.get("enterprise").path("limits").path("conversationsPerMonth").isNull(), "unlimited");
    assertEquals(100, byId.get("freemium").path("limits").path("conversationsPerMonth").asInt());
    assertEquals("20", byId.get("revenue-share").path("revenueShare").path("percent").asText());
    assertEquals(0, new BigDecimal("500.00").compareTo(
        byId.get("revenue-share").path("revenueShare").path("minimum").decimalValue()));
    assertEquals(14, byId.get("growth").path("trialDays").asInt());
    // operators edit plans as new versions; a bad definition names its field
    JsonNode bad = expect(400, ngx.send("PUT", "/operator/plans/starter", OPERATOR_KEY, "application/json",
        "{\"name\":\"Starter\",\"price\":\"497.001\",\"currency\":\"USD\"}".getBytes()));
    assertEquals("price", bad.path("errors").path(0).path("field").asText(), bad.toString());
    expect(403, ngx.send("PUT", "/operator/plans/starter", tenant("pl").key(), "application/json", "{}".getBytes()));
  }

  @Test
  void aYearOfBillingReconcilesToTheCent() throws Exception {
    expect(200, ngx.send("PUT", "/operator/tax-rates/ES", OPERATOR_KEY, "application/json",
        "{\"name\":\"IVA\",\"ratePercent\":\"21\"}".getBytes()));
    Tenant t = tenant("year");
    String email = "owner@" + t.slug() + ".example";

    // a new tenant: a 14-day trial of growth
    JsonNode sub = expect(200, ngx.get("/subscription", t.key()));
    assertEquals("growth", sub.path("plan").asText(), sub.toString());
    assertEquals("trialing", sub.path("status").asText());
    LocalDate trialEnd = today().plusDays(14);
    assertEquals(trialEnd.toString(), sub.path("currentPeriodEnd").asText(), sub.toString());

    // billing details and a card (the token comes from Stripe's form; here from the local Stripe)
    expect(200, ngx.send("PUT", "/billing/account", t.key(), "application/json",
        ("{\"billingName\":\"Year Corp S.L.\",\"email\":\"" + email + "\",\"country\":\"ES\"}").getBytes()));
    JsonNode bad = expect(400, ngx.send("PUT", "/billing/account", t.key(), "application/json",
        "{\"country\":\"Spain\"}".getBytes()));
    assertEquals("country", bad.path("errors").path(0).path("field").asText());
    JsonNode card = expect(200, ngx.send("PUT", "/billing/payment-method", t.key(), "application/json",
        ("{\"provider\":\"stripe\",\"token\":\"" + stripe.addCard("visa", "4242", 12, 2031) + "\"}").getBytes()));
    assertEquals("stripe", card.path("provider").asText(), card.toString());
    assertEquals("4242", card.path("paymentMethod").path("last4").asText(), card.toString());
    String agent = publishedAgent(t.key());
    reconciled(t);

    // the trial ends: the rest of the month at growth's price, prorated by days, with 21% IVA
    advance(14);
    run();
    JsonNode first = onlyNew(t, 0);
    LocalDate monthEnd = trialEnd.withDayOfMonth(1).plusMonths(1);
    long days = ChronoUnit.DAYS.between(trialEnd, monthEnd);
    long monthDays = trialEnd.lengthOfMonth();
    long subtotal = share(149_700, days, monthDays);
    assertInvoice(first, "paid", subtotal, tax21(subtotal));
    assertEquals(1, stripe.charges().size(), stripe.charges().toString());
    assertEquals(first.path("totalMinor").asLong(), ((Number) stripe.charges().get(0).get("amount")).longValue());
    assertEquals("active", expect(200, ngx.get("/subscription", t.key())).path("status").asText());
    reconciled(t);

    // the next month renews at the full price; two conversations are counted once each
    conversation(t.key(), agent);
    conversation(t.key(), agent);
    String usageMonth = billingToday().toString().substring(0, 7);
    advanceTo(monthEnd);
    run();
    JsonNode second = onlyNew(t, 1);
    assertInvoice(second, "paid", 149_700, 31_437);
    JsonNode usage = expect(200, ngx.get("/usage?period=" + usageMonth, t.key()));
    assertEquals(2, usage.path("conversations").path("counted").asLong(), usage.toString());
    assertEquals(5000, usage.path("conversations").path("limit").asLong());
    expect(400, ngx.get("/usage?period=2026-13", t.key()));
    reconciled(t);

    // an upgrade in the middle of the month: unused growth credited, scale's remainder charged
    advance(9);
    LocalDate changeDay = billingToday();
    JsonNode upgraded = expect(200, ngx.post("/subscription", t.key(), "{\"planId\":\"scale\",\"when\":\"now\"}"));
    assertEquals("scale", upgraded.path("plan").asText());
    JsonNode change = onlyNew(t, 2);
    long remaining = ChronoUnit.DAYS.between(changeDay, changeDay.withDayOfMonth(1).plusMonths(1));
    long length = changeDay.lengthOfMonth();
    long credit = share(149_700, remaining, length);
    long charge = share(399_700, remaining, length);
    assertInvoice(change, "paid", charge - credit, tax21(charge - credit));
    JsonNode lines = expect(200, ngx.get("/invoices/" + change.path("id").asText(), t.key())).path("lines");
    assertEquals(-credit, lines.path(0).path("amountMinor").asLong(), lines.toString());
    assertEquals(charge, lines.path(1).path("amountMinor").asLong(), lines.toString());
    reconciled(t);

    // the card is declined from the next renewal on: retries after 1, 3, 5 and 7 days, an email
    // at each step, then suspension
    stripe.declineNextCharges("insufficient_funds", 5);
    LocalDate renewal = billingToday().withDayOfMonth(1).plusMonths(1);
    advanceTo(renewal);
    run();
    JsonNode unpaid = onlyNew(t, 3);
    assertEquals("open", unpaid.path("status").asText(), unpaid.toString());
    assertEquals(1, unpaid.path("attempts").asInt());
    assertEquals("past_due", expect(200, ngx.get("/subscription", t.key())).path("status").asText());
    for (int retryDay : new int[] {1, 3, 5}) {
      advanceTo(renewal.plusDays(retryDay));
      run();
      assertEquals("past_due", expect(200, ngx.get("/subscription", t.key())).path("status").asText());
      conversation(t.key(), agent); // past due: the agents still serve
    }
    advanceTo(renewal.plusDays(7));
    run();
    JsonNode suspended = expect(200, ngx.get("/subscription", t.key()));
    assertEquals("suspended", suspended.path("status").asText(), suspended.toString());
    JsonNode invoice = expect(200, ngx.get("/invoices/" + unpaid.path("id").asText(), t.key()));
    assertEquals(5, invoice.path("attempts").asInt(), invoice.toString());
    assertTrue(invoice.path("nextAttemptAt").isNull(), "no retry after the last one");
    JsonNode paused = expect(402, ngx.post("/conversations", t.key(), "{\"agentId\":\"" + agent + "\"}"));
    assertTrue(paused.path("detail").asText().contains("paused"), paused.toString());
    String unpaidNumber = unpaid.path("number").asText();
    assertEquals(1, mailsTo(email, "last attempt failed, invoice " + unpaidNumber), subjects(email).toString());
    assertEquals(1, mailsTo(email, "your subscription is suspended, invoice " + unpaidNumber), subjects(email).toString());
    assertTrue(mailsTo(email, unpaidNumber) >= 6, "issued, five failed attempts, suspended: " + subjects(email));
    reconciled(t);

    // a new card: the open invoice is collected at once and the agents serve again
    expect(200, ngx.send("PUT", "/billing/payment-method", t.key(), "application/json",
        ("{\"provider\":\"stripe\",\"token\":\"" + stripe.addCard("mastercard", "4444", 1, 2032) + "\"}").getBytes()));
    assertEquals("paid", expect(200, ngx.get("/invoices/" + unpaid.path("id").asText(), t.key())).path("status").asText());
    assertEquals("active", expect(200, ngx.get("/subscription", t.key())).path("status").asText());
    conversation(t.key(), agent);
    assertEquals(1, mailsTo(email, "your subscription is active again"), subjects(email).toString());
    reconciled(t);

    // the operator refunds the first invoice: Stripe returns the money, a credit note is issued;
    // Stripe's charge.refunded webhook that follows credits nothing twice
    JsonNode firstFull = expect(200, ngx.get("/invoices/" + first.path("id").asText(), t.key()));
    String firstPayment = firstFull.path("payments").path(0).path("reference").asText();
    JsonNode refund = expect(201, ngx.post("/operator/invoices/" + first.path("id").asText() + "/refunds", OPERATOR_KEY,
        "{\"amount\":\"" + firstFull.path("total").decimalValue().toPlainString() + "\",\"memo\":\"goodwill\"}"));
    assertEquals("credit_note", refund.path("kind").asText(), refund.toString());
    assertEquals(first.path("totalMinor").asLong(), refund.path("totalMinor").asLong(), refund.toString());
    assertTrue(refund.path("number").asText().startsWith("NGX-CN-"), refund.toString());
    assertEquals(1, stripe.refunds().size(), stripe.refunds().toString());
    String refunded = stripe.chargeRefundedEvent(firstPayment);
    URI hook = URI.create(ngx.api + "/plugins/stripe/webhook");
    HttpResponse<String> forged = FakeStripe.post(hook, refunded.getBytes(), FakeStripe.signatureHeader(refunded, "whsec_wrong"));
    assertEquals(400, forged.statusCode(), forged.body());
    HttpResponse<String> stale = FakeStripe.post(hook, refunded.getBytes(),
        FakeStripe.signatureHeader(refunded, WEBHOOK_SECRET, Instant.now().getEpochSecond() - 3600));
    assertEquals(400, stale.statusCode(), stale.body());
    HttpResponse<String> ok = FakeStripe.postEvent(hook, refunded, WEBHOOK_SECRET);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(1, JSON.readTree(ok.body()).path("applied").asInt(), ok.body());
    HttpResponse<String> again = FakeStripe.postEvent(hook, refunded, WEBHOOK_SECRET);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(0, JSON.readTree(again.body()).path("applied").asInt(), again.body());
    assertEquals(1, invoices(t).stream().filter(i -> i.path("kind").asText().equals("credit_note")).count());
    reconciled(t);

    // a chargeback on the second invoice (Stripe's dispute webhook): a chargeback credit note
    String secondPayment = expect(200, ngx.get("/invoices/" + second.path("id").asText(), t.key()))
        .path("payments").path(0).path("reference").asText();
    HttpResponse<String> dispute = FakeStripe.postEvent(hook, stripe.disputeCreatedEvent(secondPayment), WEBHOOK_SECRET);
    assertEquals(200, dispute.statusCode(), dispute.body());
    JsonNode chargeback = invoices(t).stream().filter(i -> i.path("reason").asText().equals("chargeback"))
        .findFirst().orElseThrow(() -> new AssertionError(dispute.body()));
    assertEquals(second.path("totalMinor").asLong(), chargeback.path("totalMinor").asLong(), chargeback.toString());
    reconciled(t);

    // a downgrade at the end of the month, then a cancellation
    JsonNode down = expect(200, ngx.post("/subscription", t.key(), "{\"planId\":\"starter\",\"when\":\"period_end\"}"));
    assertEquals("starter", down.path("nextPlan").asText(), down.toString());
    advanceTo(renewal.plusMonths(1));
    run();
    JsonNode starter = onlyNewInvoice(t);
    assertInvoice(starter, "paid", 49_700, 10_437);
    expect(200, ngx.send("DELETE", "/subscription?when=period_end", t.key(), null, null));
    advanceTo(renewal.plusMonths(2));
    run();
    JsonNode cancelled = expect(200, ngx.get("/subscription", t.key()));
    assertEquals("cancelled", cancelled.path("status").asText(), cancelled.toString());
    expect(402, ngx.post("/conversations", t.key(), "{\"agentId\":\"" + agent + "\"}"));
    reconciled(t);

    // the PDF of an invoice, and the numbers: one sequence without gaps
    HttpResponse<byte[]> pdf = pdf("/invoices/" + first.path("id").asText(), t.key());
    assertEquals(200, pdf.statusCode());
    assertEquals("%PDF-", new String(pdf.body(), 0, 5));
    numbersHaveNoGaps();
  }

  @Test
  void freemiumStopsAtItsLimitAndWarnsAt80And100Percent() throws Exception {
    Tenant t = tenant("free");
    expect(200, ngx.post("/subscription", t.key(), "{\"planId\":\"freemium\",\"when\":\"now\"}"));
    // the operator lowers this tenant's limit to keep the test short: 5 conversations a month
    expect(200, ngx.send("PUT", "/operator/tenants/" + t.id() + "/subscription", OPERATOR_KEY, "application/json",
        "{\"limits\":{\"conversationsPerMonth\":5}}".getBytes()));
    String agent = publishedAgent(t.key());
    for (int i = 0; i < 5; i++) {
      conversation(t.key(), agent);
    }
    RunningDistribution.await(java.time.Duration.ofSeconds(40), "five conversations to be counted", () -> {
      try {
        return expect(200, ngx.get("/usage", t.key())).path("conversations").path("counted").asLong() == 5;
      } catch (Exception e) {
        return false;
      }
    });
    JsonNode refused = expect(402, ngx.post("/conversations", t.key(), "{\"agentId\":\"" + agent + "\"}"));
    assertTrue(refused.path("detail").asText().contains("used up"), refused.toString());
    JsonNode notices = expect(200, ngx.get("/billing/notices", t.key()));
    assertTrue(notices.toString().contains(":80:") && notices.toString().contains(":100:"), notices.toString());
    // a second agent is beyond freemium's one
    JsonNode second = expect(402, ngx.post("/agents", t.key(), "{\"name\":\"Second\",\"language\":\"en\"}"));
    assertEquals("activeAgents", second.path("errors").path(0).path("field").asText(), second.toString());
  }

  @Test
  void partnersEarnThirtyPercentOfTheirClientsPaymentsInTheFirstYear() throws Exception {
    JsonNode partner = expect(201, ngx.post("/operator/partners", OPERATOR_KEY,
        "{\"name\":\"Agency " + suffix() + "\",\"email\":\"ops@agency.example\"}"));
    String partnerKey = expect(201, ngx.post("/operator/partners/" + partner.path("id").asText() + "/keys",
        OPERATOR_KEY, "{\"name\":\"it\"}")).path("secret").asText();
    assertTrue(partnerKey.startsWith("ngx_pa_"));
    Tenant t = tenant("client");
    expect(200, ngx.send("PUT", "/operator/tenants/" + t.id() + "/partner", OPERATOR_KEY, "application/json",
        ("{\"partnerId\":\"" + partner.path("id").asText() + "\"}").getBytes()));
    // the client chooses starter during its trial and pays by bank transfer
    expect(200, ngx.post("/subscription", t.key(), "{\"planId\":\"starter\",\"when\":\"now\"}"));
    expect(200, ngx.send("PUT", "/operator/tenants/" + t.id() + "/subscription", OPERATOR_KEY, "application/json",
        "{\"taxExempt\":true}".getBytes()));
    advance(15);
    run();
    JsonNode invoice = onlyNewInvoice(t);
    assertEquals("open", invoice.path("status").asText(), invoice.toString());
    JsonNode paid = expect(200, ngx.post("/operator/invoices/" + invoice.path("id").asText() + "/payments",
        OPERATOR_KEY, "{\"reference\":\"transfer 42\"}"));
    assertEquals("paid", paid.path("status").asText(), paid.toString());
    String period = billingToday().toString().substring(0, 7);
    JsonNode statement = expect(200, ngx.get("/partner/statements/" + period, partnerKey));
    long commission = 0;
    for (JsonNode line : statement.path("lines")) {
      if (line.path("tenantId").asText().equals(t.id())) {
        commission += line.path("amountMinor").asLong();
        assertEquals(3000, line.path("rateBasisPoints").asInt(), line.toString());
      }
    }
    // tax exempt: the base is the whole payment; 30% of it, half-even to the cent
    assertEquals(share(invoice.path("totalMinor").asLong() * 3000, 1, 10_000), commission, statement.toString());
    JsonNode clients = expect(200, ngx.get("/partner/clients", partnerKey));
    assertTrue(clients.toString().contains(t.id()), clients.toString());
    expect(403, ngx.get("/partner/clients", t.key()));
    expect(403, ngx.get("/operator/clock", partnerKey));
    reconciled(t);
  }

  @Test
  void addOnChargesReachTheInvoiceAndPublishersArePaidFromMoneyCollected() throws Exception {
    MarketplaceIT.ngxFor(ngx);
    TestSigner signer = TestSigner.generate("CN=Billing Labs, O=Billing Labs, C=US");
    MarketplaceIT.Publisher publisher = MarketplaceIT.publisher("Billing Labs " + suffix(), signer.pem());
    String pluginId = "bill-" + suffix();
    String listing = MarketplaceIT.listing(publisher, pluginId, "module",
        "{\"model\":\"monthly\",\"priceMinor\":999,\"currency\":\"USD\"}");
    JsonNode version = MarketplaceIT.upload(publisher, listing, Plugins.hello(pluginId, "1.0.0", 0, signer));
    assertEquals("published", version.path("status").asText(), version.toString());

    Tenant t = tenant("addon");
    expect(200, ngx.post("/subscription", t.key(), "{\"planId\":\"freemium\",\"when\":\"now\"}"));
    JsonNode installed = expect(201, ngx.post("/installations", t.key(), "{\"listingId\":\"" + listing + "\"}"));
    assertEquals("paid", installed.path("entitlement").asText(), installed.toString());

    // the month's fee is on the next month's invoice, once
    advanceTo(billingToday().withDayOfMonth(1).plusMonths(1));
    run();
    run();
    JsonNode invoice = expect(200, ngx.get("/invoices/" + onlyNew(t, 0).path("id").asText(), t.key()));
    assertEquals(1, invoice.path("lines").size(), invoice.toString());
    JsonNode line = invoice.path("lines").path(0);
    assertEquals("marketplace", line.path("source").asText(), line.toString());
    assertEquals(999, line.path("amountMinor").asLong());
    assertEquals("open", invoice.path("status").asText());
    String period = billingToday().toString().substring(0, 7);
    String statementPath = "/publishers/" + publisher.id() + "/statements/" + period;
    assertEquals(0, expect(200, ngx.get(statementPath, publisher.key())).path("totals").size(),
        "nothing is paid out before the tenant pays");

    // the tenant pays: the publisher's statement has its 80%
    expect(200, ngx.post("/operator/invoices/" + invoice.path("id").asText() + "/payments", OPERATOR_KEY, "{}"));
    JsonNode statement = expect(200, ngx.get(statementPath, publisher.key()));
    assertEquals(999, statement.path("totals").path(0).path("grossMinor").asLong(), statement.toString());
    assertEquals(799, statement.path("totals").path(0).path("publisherMinor").asLong(), statement.toString());
    assertEquals(200, statement.path("totals").path(0).path("platformMinor").asLong(), statement.toString());

    // a refund of the line reverses the publisher's share in the month it happens
    JsonNode credit = expect(201, ngx.post("/operator/invoices/" + invoice.path("id").asText() + "/refunds",
        OPERATOR_KEY, "{\"lineIds\":[\"" + line.path("id").asText() + "\"]}"));
    assertEquals(999, credit.path("totalMinor").asLong(), credit.toString());
    JsonNode reversed = expect(200, ngx.get(statementPath, publisher.key()));
    assertEquals(0, reversed.path("totals").path(0).path("grossMinor").asLong(), reversed.toString());
    assertEquals(0, reversed.path("totals").path(0).path("publisherMinor").asLong(), reversed.toString());
    reconciled(t);
  }

  @Test
  void aTenantSeesOnlyItsOwnBilling() throws Exception {
    Tenant a = tenant("iso-a");
    Tenant b = tenant("iso-b");
    expect(200, ngx.post("/subscription", a.key(), "{\"planId\":\"starter\",\"when\":\"now\"}"));
    advance(15);
    run();
    String invoice = onlyNewInvoice(a).path("id").asText();
    expect(404, ngx.get("/invoices/" + invoice, b.key()));
    assertEquals(404, pdf("/invoices/" + invoice, b.key()).statusCode());
    assertFalse(ngx.get("/invoices", b.key()).body().contains(invoice));
    expect(404, ngx.get("/invoices/not-an-id", a.key()));
    expect(403, ngx.post("/operator/billing-runs", a.key(), "{}"));
    expect(403, ngx.post("/operator/clock", a.key(), "{\"advance\":\"P1D\"}"));
    JsonNode wrong = expect(400, ngx.post("/operator/clock", OPERATOR_KEY, "{\"advance\":\"yesterday\"}"));
    assertEquals("advance", wrong.path("errors").path(0).path("field").asText());
    expect(401, ngx.get("/subscription", null));
  }

  // ---- helpers ----

  record Tenant(String id, String slug, String key) {}

  static Tenant tenant(String prefix) throws Exception {
    String slug = prefix + "-" + suffix();
    String id = expect(201, ngx.post("/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"))
        .path("id").asText();
    String key = expect(201, ngx.post("/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"it\",\"scopes\":[\"*\"]}"))
        .path("key").asText();
    TENANTS.add(id);
    return new Tenant(id, slug, key);
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static String publishedAgent(String key) throws Exception {
    String agent = expect(201, ngx.post("/agents", key, "{\"name\":\"Billing agent\",\"language\":\"en\"}"))
        .path("id").asText();
    expect(201, ngx.post("/agents/" + agent + "/publish", key, "{}"));
    return agent;
  }

  /** A conversation with one prospect message (so it counts). */
  static void conversation(String key, String agent) throws Exception {
    String id = expect(201, ngx.post("/conversations", key, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
    expect(200, ngx.post("/conversations/" + id + "/messages", key, "{\"text\":\"hello, what does it cost?\"}"));
  }

  static LocalDate today() {
    return billingToday();
  }

  static LocalDate billingToday() {
    try {
      return Instant.parse(expect(200, ngx.get("/operator/clock", OPERATOR_KEY)).path("now").asText())
          .atZone(ZoneOffset.UTC).toLocalDate();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void advance(int days) throws Exception {
    expect(200, ngx.post("/operator/clock", OPERATOR_KEY, "{\"advance\":\"P" + days + "D\"}"));
  }

  /** Moves the clock to 01:00 UTC of {@code day} (at least one hour forward). */
  static void advanceTo(LocalDate day) throws Exception {
    Instant now = Instant.parse(expect(200, ngx.get("/operator/clock", OPERATOR_KEY)).path("now").asText());
    long seconds = ChronoUnit.SECONDS.between(now, day.atStartOfDay().plusHours(1).toInstant(ZoneOffset.UTC));
    assertTrue(seconds > 0, () -> "the clock is past " + day);
    expect(200, ngx.post("/operator/clock", OPERATOR_KEY, "{\"advance\":\"PT" + seconds + "S\"}"));
  }

  static void run() throws Exception {
    JsonNode run = expect(200, ngx.post("/operator/billing-runs", OPERATOR_KEY, "{}"));
    assertEquals(0, run.path("failures").asInt(), run.toString());
  }

  static List<JsonNode> invoices(Tenant t) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    expect(200, ngx.get("/invoices?limit=200", t.key())).path("items").forEach(out::add);
    return out;
  }

  /** The tenant's newest invoice, asserting it has exactly {@code before + 1} invoices (not credit notes). */
  static JsonNode onlyNew(Tenant t, int before) throws Exception {
    List<JsonNode> all = invoices(t).stream().filter(i -> i.path("kind").asText().equals("invoice")).toList();
    assertEquals(before + 1, all.size(), all.toString());
    return all.get(0);
  }

  static JsonNode onlyNewInvoice(Tenant t) throws Exception {
    return invoices(t).stream().filter(i -> i.path("kind").asText().equals("invoice")).findFirst().orElseThrow();
  }

  static void assertInvoice(JsonNode invoice, String status, long subtotalMinor, long taxMinor) throws Exception {
    JsonNode full = expect(200, ngx.get("/operator/invoices/" + invoice.path("id").asText(), OPERATOR_KEY));
    assertEquals(status, full.path("status").asText(), full.toString());
    assertEquals(subtotalMinor, full.path("subtotal").decimalValue().movePointRight(2).longValueExact(), full.toString());
    assertEquals(taxMinor, full.path("tax").decimalValue().movePointRight(2).longValueExact(), full.toString());
    assertEquals(subtotalMinor + taxMinor, full.path("totalMinor").asLong(), full.toString());
    assertTrue(full.path("number").asText().matches("NGX-\\d{6}"), full.toString());
  }

  /** amount × numerator / denominator, half-even to the minor unit (computed here, independently). */
  static long share(long amount, long numerator, long denominator) {
    return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_EVEN).longValueExact();
  }

  /** 21% of an amount, half-up (commercial rounding of tax). */
  static long tax21(long amount) {
    return BigDecimal.valueOf(amount).multiply(new BigDecimal("0.21")).setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** The ledger of the tenant equals its open amounts due minus its credit balance, to the cent. */
  static void reconciled(Tenant t) throws Exception {
    JsonNode ledger = expect(200, ngx.get("/operator/tenants/" + t.id() + "/ledger", OPERATOR_KEY));
    assertTrue(ledger.path("reconciled").asBoolean(), ledger.toString());
    long sum = 0;
    for (JsonNode e : ledger.path("entries")) {
      sum += e.path("amountMinor").asLong();
    }
    long due = 0;
    for (JsonNode i : invoices(t)) {
      if (i.path("status").asText().equals("open")) {
        due += i.path("amountDueMinor").asLong();
      }
    }
    long credit = expect(200, ngx.get("/billing/account", t.key())).path("creditBalance").decimalValue()
        .movePointRight(2).longValueExact();
    assertEquals(due - credit, sum, ledger.toString());
  }

  /** Every invoice number this class caused, across its tenants: NGX-000001 … NGX-00000n, no gaps. */
  static void numbersHaveNoGaps() throws Exception {
    TreeSet<Integer> numbers = new TreeSet<>();
    for (String tenant : TENANTS) {
      for (JsonNode i : expect(200, ngx.get("/operator/tenants/" + tenant + "/invoices?limit=200", OPERATOR_KEY))
          .path("items")) {
        String n = i.path("number").asText("");
        if (n.matches("NGX-\\d{6}")) {
          assertTrue(numbers.add(Integer.parseInt(n.substring(4))), "duplicate " + n);
        }
      }
    }
    assertFalse(numbers.isEmpty());
    assertEquals(numbers.last() - numbers.first() + 1, numbers.size(), "gaps in " + numbers);
    assertEquals(1, numbers.first(), numbers.toString());
  }

  static HttpResponse<byte[]> pdf(String path, String key) throws Exception {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(ngx.api + path))
        .header("Authorization", "Bearer " + key).header("Accept", "application/pdf").GET().build();
    return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** How many mails reached {@code to} with {@code text} in the subject (waits up to 10 s for mail). */
  static int mailsTo(String to, String text) throws Exception {
    smtp.waitForIncomingEmail(10_000, 1);
    int n = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(to) && m.getSubject().contains(text)) {
        n++;
      }
    }
    return n;
  }

  static List<String> subjects(String to) throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(to)) {
        out.add(m.getSubject());
      }
    }
    assertNotNull(out);
    return out;
  }
}
