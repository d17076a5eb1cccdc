package com.ngx.payment.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.payment.PaymentCustomer;
import com.ngx.api.payment.PaymentMethod;
import com.ngx.api.payment.PaymentRequest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.payment.PaymentResult.Status;
import com.ngx.payment.stripe.testing.FakeStripe;
import com.ngx.payment.stripe.testing.FakeStripe.Recorded;
import com.stripe.Stripe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers, payment methods, charges and refunds, through stripe-java against {@link FakeStripe}. */
class StripePaymentProviderTest {
  private FakeStripe stripe;
  private TestContext context;
  private final StripePaymentProvider provider = new StripePaymentProvider(Clock.systemUTC());

  @BeforeEach
  void start() {
    stripe = FakeStripe.start();
    context = TestContext.of(stripe);
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  /** A customer with {@code pm_card_visa} as default, made through the plugin. */
  private String payingCustomer() {
    String customer =
        provider.saveCustomer(
            context, new PaymentCustomer(null, "acct-1", "Acme", "billing@acme.test", "es", key()));
    provider.attachPaymentMethod(context, customer, "pm_card_visa");
    return customer;
  }

  private PaymentResult charge(String customer, long amount, String key) {
    return provider.charge(context, new PaymentRequest("inv-1", amount, "EUR", customer, key));
  }

  private Recorded last(String method, String path) {
    List<Recorded> matching = new ArrayList<>();
    for (Recorded r : stripe.requests()) {
      if (r.method().equals(method) && r.path().equals(path)) {
        matching.add(r);
      }
    }
    assertFalse(matching.isEmpty(), "no " + method + " " + path);
    return matching.get(matching.size() - 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  // --- customers and payment methods ------------------------------------------------------------

  @Test
  void createsCustomerWithAccountIdAndIdempotencyKey() {
    String id =
        provider.saveCustomer(
            context,
            new PaymentCustomer(null, "acct-1", "Acme S.L.", "billing@acme.test", "es", "cust-key-1"));

    assertTrue(id.startsWith("cus_"), id);
    Map<String, Object> customer = stripe.customer(id);
    assertEquals("Acme S.L.", customer.get("name"));
    assertEquals("billing@acme.test", customer.get("email"));
    assertEquals("ES", map(customer.get("address")).get("country"));
    assertEquals("acct-1", map(customer.get("metadata")).get("ngx_account_id"));
    Recorded request = last("POST", "/v1/customers");
    assertEquals("cust-key-1", request.header("Idempotency-Key"));
    assertEquals("Bearer " + FakeStripe.API_KEY, request.header("Authorization"));
  }

  @Test
  void creatingTwiceWithTheSameKeyMakesOneCustomer() {
    PaymentCustomer customer = new PaymentCustomer(null, "acct-1", "Acme", null, null, "same-key");
    String first = provider.saveCustomer(context, customer);
    String second = provider.saveCustomer(context, customer);

    assertEquals(first, second);
    assertEquals(1, stripe.customers().size());
  }

  @Test
  void updatesTheCustomerWhenTheReferenceIsSet() {
    String id =
        provider.saveCustomer(
            context, new PaymentCustomer(null, "acct-1", "Acme", "old@acme.test", "ES", key()));

    String updated =
        provider.saveCustomer(
            context, new PaymentCustomer(id, "acct-1", "Acme Corp", "new@acme.test", "FR", key()));

    assertEquals(id, updated);
    assertEquals(1, stripe.customers().size());
    Map<String, Object> customer = stripe.customer(id);
    assertEquals("Acme Corp", customer.get("name"));
    assertEquals("new@acme.test", customer.get("email"));
    assertEquals("FR", map(customer.get("address")).get("country"));
    assertEquals("acct-1", map(customer.get("metadata")).get("ngx_account_id"));
    assertNotNull(last("POST", "/v1/customers/" + id).header("Idempotency-Key"));
  }

  @Test
  void updatingAnUnknownCustomerThrowsWithStripesCode() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                provider.saveCustomer(
                    context, new PaymentCustomer("cus_missing", "acct-1", "A", null, null, key())));
    assertTrue(e.getMessage().contains("resource_missing"), e.getMessage());
  }

  @Test
  void attachesThePaymentMethodAndMakesItTheDefault() {
    String customer =
        provider.saveCustomer(context, new PaymentCustomer(null, "acct-1", "Acme", null, null, key()));

    PaymentMethod method = provider.attachPaymentMethod(context, customer, "pm_card_visa");

    // as in Stripe's test mode, attaching the test token makes a new payment method
    assertTrue(method.reference().startsWith("pm_") && !method.reference().equals("pm_card_visa"));
    assertEquals(new PaymentMethod(method.reference(), "card", "visa", "4242", 12, 2034), method);
    assertEquals(customer, stripe.paymentMethod(method.reference()).get("customer"));
    assertEquals(
        method.reference(),
        map(stripe.customer(customer).get("invoice_settings")).get("default_payment_method"));
  }

  @Test
  void aNewDefaultReplacesTheOld() {
    String customer = payingCustomer();
    String card = stripe.addCard("amex", "0005", 1, 2030);

    PaymentMethod method = provider.attachPaymentMethod(context, customer, card);
    PaymentResult result = charge(customer, 100, key());

    assertEquals(new PaymentMethod(card, "card", "amex", "0005", 1, 2030), method);
    assertEquals(card, stripe.paymentIntent(result.reference()).get("payment_method"));
  }

  @Test
  void aPaymentMethodOfAnotherCustomerCannotBeAttached() {
    String card = stripe.addCard("visa", "1111", 3, 2032);
    String first = payingCustomer();
    provider.attachPaymentMethod(context, first, card);
    String second = payingCustomer();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> provider.attachPaymentMethod(context, second, card));
    assertTrue(e.getMessage().contains("payment_method_unexpected_state"), e.getMessage());
  }

  @Test
  void attachingAnUnknownPaymentMethodThrows() {
    String customer =
        provider.saveCustomer(context, new PaymentCustomer(null, "acct-1", "Acme", null, null, key()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> provider.attachPaymentMethod(context, customer, "pm_nope"));
    assertTrue(e.getMessage().contains("No such PaymentMethod"), e.getMessage());
  }

  @Test
  void refusesIdsThatAreNotStripeIds() {
    // each would end up in a URL path
    assertThrows(
        IllegalArgumentException.class,
        () -> provider.attachPaymentMethod(context, "cus_1/../../v1/refunds", "pm_card_visa"));
    assertThrows(
        IllegalArgumentException.class,
        () -> provider.attachPaymentMethod(context, "cus_1", "pm card"));
    assertTrue(stripe.requests().isEmpty());
  }

  // --- charges -----------------------------------------------------------------------------------

  @Test
  void chargesOffSessionWithTheDefaultPaymentMethod() {
    String customer = payingCustomer();

    PaymentResult result =
        provider.charge(context, new PaymentRequest("inv-42", 1999, "EUR", customer, "charge-key-1"));

    assertEquals(Status.SUCCEEDED, result.status());
    assertTrue(result.reference().startsWith("pi_"), result.reference());
    assertNull(result.failureCode());
    assertEquals(1, stripe.charges().size());
    Map<String, Object> pi = stripe.charges().get(0);
    assertEquals(result.reference(), pi.get("id"));
    assertEquals(1999L, ((Number) pi.get("amount")).longValue());
    assertEquals("eur", pi.get("currency"));
    assertEquals(customer, pi.get("customer"));
    assertEquals(
        map(stripe.customer(customer).get("invoice_settings")).get("default_payment_method"),
        pi.get("payment_method"));
    assertEquals("inv-42", map(pi.get("metadata")).get("ngx_invoice_id"));

    Recorded request = last("POST", "/v1/payment_intents");
    assertEquals("charge-key-1", request.header("Idempotency-Key"));
    assertEquals("true", request.params().get("confirm"));
    assertEquals("true", request.params().get("off_session"));
    assertEquals("never", request.params().get("automatic_payment_methods[allow_redirects]"));
    assertEquals("inv-42", request.params().get("metadata[ngx_invoice_id]"));
    // the default payment method is read from the customer on each charge
    assertEquals("GET", stripe.requests().get(stripe.requests().size() - 2).method());
  }

  @Test
  void aRetryWithTheSameKeyChargesOnce() {
    String customer = payingCustomer();

    PaymentResult first = charge(customer, 500, "retry-key");
    PaymentResult second = charge(customer, 500, "retry-key");

    assertEquals(Status.SUCCEEDED, first.status());
    assertEquals(first, second);
    assertEquals(1, stripe.charges().size());
    assertEquals(2, stripe.requests().stream().filter(r -> r.path().equals("/v1/payment_intents")).count());
  }

  @Test
  void aRetryOfADeclineWithTheSameKeyGetsTheSameDecline() {
    String customer = payingCustomer();
    stripe.declineNextCharges("insufficient_funds", 1);

    PaymentResult first = charge(customer, 500, "declined-key");
    PaymentResult second = charge(customer, 500, "declined-key");

    assertEquals(Status.FAILED, first.status());
    assertEquals(first, second);
    assertEquals(1, stripe.charges().size());
  }

  @Test
  void declinesMapToFailedOrHardDeclined() {
    String customer = payingCustomer();
    // each case: Stripe's decline code, the status the platform gets
    Object[][] cases = {
      {"insufficient_funds", Status.FAILED},
      {"do_not_honor", Status.FAILED}, // soft: Stripe says the customer may retry later
      {"generic_decline", Status.FAILED},
      {"card_velocity_exceeded", Status.FAILED},
      {"try_again_later", Status.FAILED},
      {"stolen_card", Status.HARD_DECLINED},
      {"lost_card", Status.HARD_DECLINED},
      {"pickup_card", Status.HARD_DECLINED},
      {"fraudulent", Status.HARD_DECLINED},
      {"restricted_card", Status.HARD_DECLINED},
      {"revocation_of_authorization", Status.HARD_DECLINED},
      {"revocation_of_all_authorizations", Status.HARD_DECLINED},
      {"security_violation", Status.HARD_DECLINED},
    };
    for (Object[] c : cases) {
      String code = (String) c[0];
      stripe.declineNextCharges(code, 1);
      PaymentResult result = charge(customer, 700, key());
      assertEquals(c[1], result.status(), code);
      assertEquals(code, result.failureCode(), code);
      assertTrue(result.reference().startsWith("pi_"), code);
      assertNotNull(result.message(), code);
    }
    assertEquals(cases.length, stripe.charges().size());
  }

  @Test
  void softDeclineCarriesStripesMessage() {
    String customer = payingCustomer();
    stripe.declineNextCharges("insufficient_funds", 1);

    PaymentResult result = charge(customer, 700, key());

    assertEquals(
        new PaymentResult(
            Status.FAILED,
            stripe.charges().get(0).get("id").toString(),
            "insufficient_funds",
            "Your card has insufficient funds."),
        result);
  }

  @Test
  void noDefaultPaymentMethodFailsWithoutCharging() {
    String customer =
        provider.saveCustomer(context, new PaymentCustomer(null, "acct-1", "Acme", null, null, key()));

    PaymentResult result = charge(customer, 500, key());

    assertEquals(Status.FAILED, result.status());
    assertEquals("no_payment_method", result.failureCode());
    assertNull(result.reference());
    assertTrue(stripe.charges().isEmpty());
  }

  @Test
  void noCustomerOrADeletedOneFailsWithoutCharging() {
    assertEquals("no_payment_method", charge(null, 500, key()).failureCode());
    String customer = payingCustomer();
    stripe.deleteCustomer(customer);
    PaymentResult deleted = charge(customer, 500, key());
    assertEquals(Status.FAILED, deleted.status());
    assertEquals("no_payment_method", deleted.failureCode());
    assertTrue(stripe.charges().isEmpty());
  }

  @Test
  void serverErrorsAreProviderUnavailableAndTheRetryChargesOnce() {
    String customer = payingCustomer();
    for (int status : new int[] {500, 502, 503}) {
      stripe.failNextRequests(status, 1);
      PaymentResult result = charge(customer, 500, "flaky-key");
      assertEquals(Status.FAILED, result.status(), "HTTP " + status);
      assertEquals("provider_unavailable", result.failureCode(), "HTTP " + status);
      assertTrue(result.message().contains("HTTP " + status), result.message());
    }
    // the failed customer lookups above never reached the charge; now it goes through, once
    assertEquals(Status.SUCCEEDED, charge(customer, 500, "flaky-key").status());
    assertEquals(Status.SUCCEEDED, charge(customer, 500, "flaky-key").status());
    assertEquals(1, stripe.charges().size());
  }

  @Test
  void aFailedChargeRequestIsRetriedWithTheSameKeyAndChargesOnce() {
    String customer = payingCustomer();
    stripe.failNextRequests("/v1/payment_intents", 500, 2);

    PaymentResult first = charge(customer, 800, "post-fails");
    PaymentResult second = charge(customer, 800, "post-fails");
    PaymentResult third = charge(customer, 800, "post-fails");
    PaymentResult fourth = charge(customer, 800, "post-fails");

    assertEquals("provider_unavailable", first.failureCode());
    assertEquals("provider_unavailable", second.failureCode());
    assertEquals(Status.SUCCEEDED, third.status());
    assertEquals(third, fourth);
    assertEquals(1, stripe.charges().size());
  }

  @Test
  void anUnreachableServerIsProviderUnavailable() throws IOException {
    String customer = payingCustomer();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    context.with("apiBase", "http://127.0.0.1:" + port);

    PaymentResult result = charge(customer, 500, key());

    assertEquals(Status.FAILED, result.status());
    assertEquals("provider_unavailable", result.failureCode());
    assertTrue(result.message().contains("could not reach Stripe"), result.message());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                List<Socket> held = new ArrayList<>();
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      context
          .with("apiBase", "http://127.0.0.1:" + silent.getLocalPort())
          .with("timeoutSeconds", 1);

      long start = System.nanoTime();
      PaymentResult result = charge("cus_x", 500, key());
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals("provider_unavailable", result.failureCode());
      assertTrue(result.message().startsWith("no answer from Stripe"), result.message());
      assertTrue(millis < 5000, millis + " ms");
    }
  }

  @Test
  void aWrongKeyFailsWithoutShowingTheKey() {
    String customer = payingCustomer();
    String wrong = "sk_test_wrong_0123456789abcdefghijkl";
    context.with("apiKey", wrong);

    PaymentResult result = charge(customer, 500, key());

    assertEquals(Status.FAILED, result.status());
    assertEquals("authentication_failed", result.failureCode());
    assertTrue(result.message().contains("HTTP 401"), result.message());
    assertFalse(result.message().contains(wrong), result.message());
    assertTrue(stripe.charges().isEmpty());

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                provider.saveCustomer(
                    context, new PaymentCustomer(null, "acct-1", "A", null, null, key())));
    assertFalse(e.getMessage().contains(wrong), e.getMessage());
  }

  @Test
  void processingAndRequiresActionArePending() {
    String customer = payingCustomer();
    for (String status : new String[] {"processing", "requires_action"}) {
      stripe.nextChargeStatus(status);
      PaymentResult result = charge(customer, 500, key());
      assertEquals(Status.PENDING, result.status(), status);
      assertTrue(result.reference().startsWith("pi_"), status);
    }
  }

  @Test
  void neverUsesTheGlobalApiKey() {
    String customer = payingCustomer();
    charge(customer, 500, key());
    assertNull(Stripe.apiKey);
  }

  @Test
  void badRequestsAndSettingsThrow() {
    // each case: a call that cannot be made
    assertThrows(IllegalArgumentException.class, () -> charge("cus_1", 0, key()));
    assertThrows(IllegalArgumentException.class, () -> charge("cus_1", 100, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> provider.charge(context, new PaymentRequest("inv", 100, "EURO", "cus_1", key())));
    assertThrows(
        IllegalArgumentException.class,
        () -> provider.charge(context, new PaymentRequest(null, 100, "EUR", "cus_1", key())));
    context.with("apiKey", null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> charge("cus_1", 100, key()));
    assertEquals("settings: apiKey is not set", e.getMessage());
    assertTrue(stripe.requests().isEmpty());
  }

  // --- refunds -----------------------------------------------------------------------------------

  @Test
  void refundsAPaymentIntentIdempotently() {
    String customer = payingCustomer();
    PaymentResult charged = charge(customer, 1000, key());

    PaymentResult refund = provider.refund(context, charged.reference(), 400, "EUR", "refund-key");
    PaymentResult again = provider.refund(context, charged.reference(), 400, "EUR", "refund-key");

    assertEquals(Status.SUCCEEDED, refund.status());
    assertTrue(refund.reference().startsWith("re_"), refund.reference());
    assertEquals(refund, again);
    assertEquals(1, stripe.refunds().size());
    Map<String, Object> stored = stripe.refunds().get(0);
    assertEquals(charged.reference(), stored.get("payment_intent"));
    assertEquals(400L, ((Number) stored.get("amount")).longValue());
    Recorded request = last("POST", "/v1/refunds");
    assertEquals("refund-key", request.header("Idempotency-Key"));
    assertEquals(charged.reference(), request.params().get("payment_intent"));
    assertEquals("400", request.params().get("amount"));
  }

  @Test
  void refundingMoreThanWasPaidFails() {
    String customer = payingCustomer();
    PaymentResult charged = charge(customer, 1000, key());

    PaymentResult result = provider.refund(context, charged.reference(), 1001, "EUR", key());

    assertEquals(Status.FAILED, result.status());
    assertEquals("amount_too_large", result.failureCode());
    assertTrue(stripe.refunds().isEmpty());
  }

  @Test
  void refundsByChargeIdToo() {
    String customer = payingCustomer();
    PaymentResult charged = charge(customer, 1000, key());
    String chargeId = (String) stripe.paymentIntent(charged.reference()).get("latest_charge");

    PaymentResult result = provider.refund(context, chargeId, 1000, "EUR", key());

    assertEquals(Status.SUCCEEDED, result.status());
    assertEquals(chargeId, last("POST", "/v1/refunds").params().get("charge"));
  }

  @Test
  void refundWhileStripeIsDownIsProviderUnavailable() {
    String customer = payingCustomer();
    PaymentResult charged = charge(customer, 1000, key());
    stripe.failNextRequests(503, 1);

    PaymentResult result = provider.refund(context, charged.reference(), 100, "EUR", key());

    assertEquals("provider_unavailable", result.failureCode());
    assertTrue(stripe.refunds().isEmpty());
  }
}
