package com.ngx.payment.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.payment.PaymentCustomer;
import com.ngx.api.payment.PaymentEvent;
import com.ngx.api.payment.PaymentEvent.Type;
import com.ngx.api.payment.PaymentRequest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.web.WebRequest;
import com.ngx.payment.stripe.testing.FakeStripe;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verifying {@code Stripe-Signature} on the raw body, and reading the events. */
class WebhookTest {
  static final String SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuv";
  static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  private FakeStripe stripe;
  private TestContext context;
  private final StripePaymentProvider provider = new StripePaymentProvider(CLOCK);

  @BeforeEach
  void start() {
    stripe = FakeStripe.start();
    context = TestContext.of(stripe).with("webhookSecret", SECRET);
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  private static WebRequest request(byte[] body, String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("content-type", List.of("application/json; charset=utf-8"));
    if (signature != null) {
      headers.put("stripe-signature", List.of(signature));
    }
    return new WebRequest("POST", "/webhook", Map.of(), headers, body, true);
  }

  private List<PaymentEvent> receive(String payload, String signature) {
    return provider.receive(context, request(payload.getBytes(StandardCharsets.UTF_8), signature));
  }

  /** Signed as Stripe signs, at the test clock's time. */
  private List<PaymentEvent> receiveSigned(String payload) {
    return receive(payload, FakeStripe.signatureHeader(payload, SECRET, NOW));
  }

  private SecurityException refused(String payload, String signature) {
    return assertThrows(SecurityException.class, () -> receive(payload, signature));
  }

  /** A PaymentIntent for invoice {@code inv-7} made through the plugin, its charge declined or not. */
  private String paymentIntent(String declineCode) {
    String customer =
        provider.saveCustomer(
            context, new PaymentCustomer(null, "acct-1", "Acme", null, null, UUID.randomUUID().toString()));
    provider.attachPaymentMethod(context, customer, "pm_card_visa");
    if (declineCode != null) {
      stripe.declineNextCharges(declineCode, 1);
    }
    PaymentResult result =
        provider.charge(
            context, new PaymentRequest("inv-7", 2500, "usd", customer, UUID.randomUUID().toString()));
    return result.reference();
  }

  private String succeededEvent() {
    return FakeStripe.event(
        "evt_1",
        "payment_intent.succeeded",
        Map.of(
            "id", "pi_1",
            "object", "payment_intent",
            "amount", 2500,
            "amount_received", 2500,
            "currency", "usd",
            "metadata", Map.of("ngx_invoice_id", "inv-7")),
        Instant.ofEpochSecond(NOW - 5));
  }

  // --- the signature -----------------------------------------------------------------------------

  @Test
  void acceptsAValidSignature() {
    List<PaymentEvent> events = receiveSigned(succeededEvent());
    assertEquals(
        List.of(
            new PaymentEvent(
                "evt_1", Type.SUCCEEDED, "inv-7", "pi_1", 2500, "USD", null,
                Instant.ofEpochSecond(NOW - 5))),
        events);
  }

  @Test
  void acceptsWhenAnyV1SignatureMatches() {
    String payload = succeededEvent();
    String good = FakeStripe.signatureHeader(payload, SECRET, NOW).replaceFirst("^t=\\d+,v1=", "");
    String other =
        FakeStripe.signatureHeader(payload, "whsec_old_secret", NOW).replaceFirst("^t=\\d+,v1=", "");
    // during a secret roll Stripe signs with both; a v0 (test-mode legacy) is ignored
    assertEquals(1, receive(payload, "t=" + NOW + ",v1=" + other + ",v1=" + good).size());
    assertEquals(1, receive(payload, "t=" + NOW + ",v0=abcd,v1=" + good).size());
    assertEquals(1, receive(payload, " t=" + NOW + " , v1=" + good + " ").size());
    // upper-case hex is the same signature
    assertEquals(1, receive(payload, "t=" + NOW + ",v1=" + good.toUpperCase(Locale.ROOT)).size());
  }

  @Test
  void refusesAWrongSecret() {
    String payload = succeededEvent();
    SecurityException e =
        refused(payload, FakeStripe.signatureHeader(payload, "whsec_someone_else", NOW));
    assertTrue(e.getMessage().contains("no v1 signature matches"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void refusesATamperedBody() {
    String payload = succeededEvent();
    String signature = FakeStripe.signatureHeader(payload, SECRET, NOW);
    refused(payload.replace("2500", "2"), signature);
    refused(payload + " ", signature);
    // nor may the timestamp be moved: it is signed too
    refused(payload, signature.replace("t=" + NOW, "t=" + (NOW + 1)));
  }

  @Test
  void refusesTimestampsOutsideTheTolerance() {
    String payload = succeededEvent();
    // each case: seconds the signature's timestamp is off the clock, whether it is accepted
    Object[][] cases = {
      {-300L, true}, // as old as the default tolerance allows
      {-301L, false}, // a replay
      {300L, true},
      {301L, false}, // from the future: a sender's clock (or an attacker) far ahead
      {-86_400L, false},
    };
    for (Object[] c : cases) {
      long t = NOW + (Long) c[0];
      String signature = FakeStripe.signatureHeader(payload, SECRET, t);
      if ((Boolean) c[1]) {
        assertEquals(1, receive(payload, signature).size(), "offset " + c[0]);
      } else {
        SecurityException e = refused(payload, signature);
        assertTrue(e.getMessage().contains("tolerance of 300 s"), e.getMessage());
      }
    }
  }

  @Test
  void theToleranceIsASetting() {
    String payload = succeededEvent();
    context.with("toleranceSeconds", 10);
    refused(payload, FakeStripe.signatureHeader(payload, SECRET, NOW - 11));
    assertEquals(1, receive(payload, FakeStripe.signatureHeader(payload, SECRET, NOW - 10)).size());
  }

  @Test
  void refusesMissingAndMalformedHeaders() {
    String payload = succeededEvent();
    String v1 = FakeStripe.signatureHeader(payload, SECRET, NOW).replaceFirst("^t=\\d+,", "");
    // each case: a header value (null: none), a part of the message
    String[][] cases = {
      {null, "no Stripe-Signature header"},
      {"", "no Stripe-Signature header"},
      {"garbage", "malformed"},
      {v1, "no timestamp"},
      {"t=" + NOW, "no v1 signature"},
      {"t=" + NOW + ",v1=", "no v1 signature"},
      {"t=" + NOW + ",v1=xyz", "no v1 signature"},
      {"t=" + NOW + ",v0=" + v1.substring(3), "no v1 signature"},
      {"t=soon," + v1, "not a number"},
      {"t=-5," + v1, "not a number"},
      {"t=" + NOW + ",t=" + NOW + "," + v1, "more than one timestamp"},
      {"t=" + NOW + ";" + v1, "malformed"},
      {"t=" + NOW + "," + v1 + ",".repeat(9000), "too long"},
    };
    for (String[] c : cases) {
      SecurityException e = refused(payload, c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void refusesEverythingWithoutAWebhookSecret() {
    String payload = succeededEvent();
    context.with("webhookSecret", null);
    SecurityException e = refused(payload, FakeStripe.signatureHeader(payload, SECRET, NOW));
    assertTrue(e.getMessage().contains("webhookSecret"), e.getMessage());
  }

  @Test
  void verifiesTheRawBytesNotADecodedString() {
    // a body that is not valid UTF-8: decoding and re-encoding it would change the bytes
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] start =
        ("{\"id\":\"evt_raw\",\"object\":\"event\",\"created\":" + NOW
                + ",\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"cus_1\","
                + "\"object\":\"customer\",\"name\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    body.writeBytes(start);
    body.write(0xff);
    body.writeBytes("\"}}}".getBytes(StandardCharsets.US_ASCII));
    byte[] raw = body.toByteArray();
    String signature = "t=" + NOW + ",v1=" + WebhookSignature.sign(SECRET, NOW, raw);

    assertEquals(List.of(), provider.receive(context, request(raw, signature)));
    // the same header over the decoded-and-re-encoded text does not verify
    byte[] reencoded = new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    assertThrows(
        SecurityException.class, () -> provider.receive(context, request(reencoded, signature)));
  }

  @Test
  void ourSignatureIsStripes() {
    String payload = succeededEvent();
    assertEquals(
        FakeStripe.signatureHeader(payload, SECRET, NOW),
        "t=" + NOW + ",v1=" + WebhookSignature.sign(SECRET, NOW, payload.getBytes(StandardCharsets.UTF_8)));
  }

  // --- the events --------------------------------------------------------------------------------

  @Test
  void paymentIntentSucceeded() {
    String pi = paymentIntent(null);
    String payload = stripe.paymentIntentEvent("payment_intent.succeeded", pi);

    PaymentEvent event = receiveSigned(payload).get(0);

    assertEquals(Type.SUCCEEDED, event.type());
    assertEquals("inv-7", event.invoiceId());
    assertEquals(pi, event.reference());
    assertEquals(2500, event.amountMinor());
    assertEquals("USD", event.currency());
    assertTrue(event.eventId().startsWith("evt_"), event.eventId());
  }

  @Test
  void paymentFailedSoftAndHard() {
    // each case: the decline code on last_payment_error, the type the platform gets
    Object[][] cases = {
      {"insufficient_funds", Type.FAILED},
      {"do_not_honor", Type.FAILED},
      {"stolen_card", Type.HARD_DECLINED},
      {"fraudulent", Type.HARD_DECLINED},
    };
    for (Object[] c : cases) {
      String pi = paymentIntent((String) c[0]);
      PaymentEvent event =
          receiveSigned(stripe.paymentIntentEvent("payment_intent.payment_failed", pi)).get(0);
      assertEquals(c[1], event.type(), (String) c[0]);
      assertEquals(c[0], event.failureCode());
      assertEquals(pi, event.reference());
      assertEquals("inv-7", event.invoiceId());
      assertEquals(2500, event.amountMinor());
    }
  }

  @Test
  void paymentFailedWithoutADeclineCodeUsesTheErrorCode() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "card_error");
    error.put("code", "expired_card");
    error.put("decline_code", null);
    Map<String, Object> pi = new LinkedHashMap<>();
    pi.put("id", "pi_2");
    pi.put("object", "payment_intent");
    pi.put("amount", 900);
    pi.put("currency", "eur");
    pi.put("metadata", Map.of("ngx_invoice_id", "inv-9"));
    pi.put("last_payment_error", error);

    PaymentEvent event = receiveSigned(stripe.event("payment_intent.payment_failed", pi)).get(0);

    assertEquals(Type.FAILED, event.type());
    assertEquals("expired_card", event.failureCode());
    assertEquals("EUR", event.currency());
  }

  @Test
  void chargeRefundedReadsTheChargesCopyOfTheMetadata() {
    String pi = paymentIntent(null);
    provider.refund(context, pi, 1000, "USD", UUID.randomUUID().toString());
    String payload = stripe.chargeRefundedEvent(pi);

    PaymentEvent event = receiveSigned(payload).get(0);

    assertEquals(Type.REFUNDED, event.type());
    assertEquals("inv-7", event.invoiceId());
    assertEquals(pi, event.reference());
    assertEquals(1000, event.amountMinor());
    assertEquals("USD", event.currency());
  }

  @Test
  void disputeCreated() {
    String pi = paymentIntent(null);

    PaymentEvent event = receiveSigned(stripe.disputeCreatedEvent(pi)).get(0);

    assertEquals(Type.DISPUTED, event.type());
    assertEquals(pi, event.reference());
    assertEquals(2500, event.amountMinor());
    assertEquals("USD", event.currency());
    assertEquals("fraudulent", event.failureCode());
    // a dispute has no copy of the payment's metadata: the platform goes by the reference
    assertEquals(null, event.invoiceId());
  }

  @Test
  void occurredAtIsTheEventsCreationTime() {
    String payload =
        FakeStripe.event(
            "evt_t", "charge.dispute.created",
            Map.of("id", "dp_1", "object", "dispute", "amount", 1, "currency", "usd",
                "charge", "ch_1", "payment_intent", "pi_1", "metadata", Map.of()),
            Instant.ofEpochSecond(1_700_000_000L));
    assertEquals(Instant.ofEpochSecond(1_700_000_000L), receiveSigned(payload).get(0).occurredAt());
  }

  @Test
  void unrelatedEventsAndOtherPaymentsAreEmpty() {
    // each case: an event the platform has no use for
    String[] payloads = {
      stripe.event("customer.created", Map.of("id", "cus_1", "object", "customer")),
      stripe.event("invoice.paid", Map.of("id", "in_1", "object", "invoice")),
      stripe.event("payment_intent.created", Map.of("id", "pi_1", "object", "payment_intent")),
      // a payment the platform did not make (no ngx_invoice_id)
      stripe.event(
          "payment_intent.succeeded",
          Map.of("id", "pi_2", "object", "payment_intent", "amount", 5, "currency", "usd",
              "metadata", Map.of())),
      stripe.event(
          "charge.refunded",
          Map.of("id", "ch_2", "object", "charge", "amount_refunded", 5, "currency", "usd",
              "payment_intent", "pi_2", "metadata", Map.of("order", "42"))),
    };
    for (String payload : payloads) {
      assertEquals(List.of(), receiveSigned(payload), payload);
    }
  }

  @Test
  void bodiesThatAreNotEventsAreRefused() {
    // each case: a validly signed body that is not a Stripe event
    String[] payloads = {
      "not json at all",
      "{\"id\":",
      "[]",
      "\"event\"",
      "{}",
      "{\"id\":\"evt_1\",\"object\":\"charge\",\"type\":\"charge.refunded\",\"created\":1,"
          + "\"data\":{\"object\":{}}}",
      "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":1}",
      "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"data\":{\"object\":{}}}",
      "{\"id\":\"evt_1\",\"object\":\"event\"} trailing",
      "",
    };
    for (String payload : payloads) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> receiveSigned(payload), payload);
      assertTrue(e.getMessage().startsWith("the body is not a Stripe event"), e.getMessage());
    }
  }

  // --- end to end --------------------------------------------------------------------------------

  @Test
  void fakeStripePostsEventsThePluginAccepts() throws Exception {
    // a stand-in for the platform's webhook route: 200 with the events, 400 when refused
    TestContext live = TestContext.of(stripe).with("webhookSecret", SECRET);
    StripePaymentProvider realClock = new StripePaymentProvider();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/api/v1/plugins/stripe/webhook",
        exchange -> {
          Map<String, List<String>> headers = new HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
          WebRequest request =
              new WebRequest(
                  "POST", "/webhook", Map.of(), headers,
                  exchange.getRequestBody().readAllBytes(), true);
          int status;
          String answer;
          try {
            answer = realClock.receive(live, request).toString();
            status = 200;
          } catch (SecurityException | IllegalArgumentException e) {
            answer = e.getMessage();
            status = 400;
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    endpoint.start();
    try {
      URI url =
          URI.create(
              "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/api/v1/plugins/stripe/webhook");
      String pi = paymentIntent(null);
      String payload = stripe.paymentIntentEvent("payment_intent.succeeded", pi);

      HttpResponse<String> ok = FakeStripe.postEvent(url, payload, SECRET);
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(ok.body().contains("SUCCEEDED") && ok.body().contains(pi), ok.body());

      HttpResponse<String> forged = FakeStripe.postEvent(url, payload, "whsec_forger");
      assertEquals(400, forged.statusCode());
      HttpResponse<String> unsigned =
          FakeStripe.post(url, payload.getBytes(StandardCharsets.UTF_8), null);
      assertEquals(400, unsigned.statusCode());
      assertTrue(unsigned.body().contains("no Stripe-Signature header"), unsigned.body());
    } finally {
      endpoint.stop(0);
    }
  }
}
