package com.ngx.payment.stripe.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Stripe's API on a free loopback port, for tests of the Stripe plugin with
 * stripe-java pointed at it ({@code apiBase} = {@link #apiBase()}), in unit tests and in the
 * product tests against the running platform.
 *
 * <p>It speaks the part of https://docs.stripe.com/api that the plugin uses, the way Stripe does:
 * form-encoded requests ({@code metadata[key]=value}), JSON objects with {@code id}, {@code object}
 * and the documented fields, errors as {@code {"error":{"type","code","decline_code","message"}}}
 * with Stripe's status codes (400, 401, 402, 404), {@code Authorization: Bearer <key>} checked on
 * every call, and {@code Idempotency-Key} honoured (the same key and parameters replay the stored
 * answer with {@code Idempotent-Replayed: true}; other parameters get a 400 {@code
 * idempotency_error}).
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><td>{@code POST /v1/customers}, {@code POST /v1/customers/{id}}, {@code GET /v1/customers/{id}}</td></tr>
 * <tr><td>{@code POST /v1/payment_methods/{id}/attach}</td></tr>
 * <tr><td>{@code POST /v1/payment_intents} (only {@code confirm=true}), {@code GET /v1/payment_intents/{id}}</td></tr>
 * <tr><td>{@code POST /v1/refunds}</td></tr>
 * </table>
 *
 * The test tokens {@code pm_card_visa} (visa 4242, 12/2034) and {@code pm_card_mastercard}
 * (mastercard 4444, 8/2031) work as in Stripe's test mode: each attach makes a new {@code pm_…}
 * from them, so they can be attached to any number of customers. {@link #addCard} adds a payment
 * method that can be attached once. Charges succeed unless {@link
 * #declineNextCharges}, {@link #nextChargeStatus} or {@link #failNextRequests} say otherwise. It
 * also builds events shaped like Stripe's and signs and posts them ({@link #signatureHeader},
 * {@link #postEvent}).
 *
 * <p>Thread-safe; requests are served one at a time.
 */
public final class FakeStripe implements AutoCloseable {
  /** The API key a fake started with {@link #start()} accepts. */
  public static final String API_KEY = "sk_test_fake_51NgxPlatformKey0000000000";

  private static final Gson GSON = new GsonBuilder().serializeNulls().create();
  private static final Pattern CUSTOMER = Pattern.compile("/v1/customers/([^/]+)");
  private static final Pattern ATTACH = Pattern.compile("/v1/payment_methods/([^/]+)/attach");
  private static final Pattern PAYMENT_INTENT = Pattern.compile("/v1/payment_intents/([^/]+)");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** One request as received. Header names are lower case. */
  public record Recorded(
      String method,
      String path,
      Map<String, String> params,
      Map<String, List<String>> headers) {
    /** The first value of a header (any case), or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private record Answer(int status, String body) {}

  private record Stored(String method, String path, Map<String, String> params, Answer answer) {}

  /** An injected failure for requests whose path starts with {@code path} (null: any). */
  private record Failure(String path, int status) {}

  private final String apiKey;
  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();

  // all state is guarded by this
  private final Map<String, Map<String, Object>> customers = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> paymentMethods = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> paymentIntents = new LinkedHashMap<>();
  private final Map<String, Long> refunded = new LinkedHashMap<>();
  private final List<Map<String, Object>> refunds = new ArrayList<>();
  private final Map<String, Stored> idempotent = new LinkedHashMap<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final Deque<String> declines = new ArrayDeque<>();
  private final Deque<String> statuses = new ArrayDeque<>();
  private final Deque<Failure> failures = new ArrayDeque<>();

  private FakeStripe(String apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    tokens.put("pm_card_visa", card("pm_card_visa", "visa", "4242", 12, 2034));
    tokens.put("pm_card_mastercard", card("pm_card_mastercard", "mastercard", "4444", 8, 2031));
    server.start();
  }

  /** Starts a fake that accepts {@link #API_KEY}. */
  public static FakeStripe start() {
    return new FakeStripe(API_KEY);
  }

  /** Starts a fake that accepts {@code apiKey}. */
  public static FakeStripe start(String apiKey) {
    return new FakeStripe(apiKey);
  }

  /** The value for the plugin's {@code apiBase} setting, e.g. {@code http://127.0.0.1:41234}. */
  public String apiBase() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The API key it accepts. */
  public String apiKey() {
    return apiKey;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // --- control ---------------------------------------------------------------------------------

  /**
   * The next {@code times} PaymentIntents fail with a 402 {@code card_error}, code {@code
   * card_declined} and {@code declineCode} (e.g. {@code insufficient_funds}, {@code stolen_card}),
   * as Stripe answers a declined off-session confirmation.
   */
  public synchronized void declineNextCharges(String declineCode, int times) {
    for (int i = 0; i < times; i++) {
      declines.add(declineCode);
    }
  }

  /**
   * The next PaymentIntent ends in {@code status} ({@code processing}, {@code requires_action}
   * …) instead of {@code succeeded}.
   */
  public synchronized void nextChargeStatus(String status) {
    statuses.add(status);
  }

  /**
   * The next {@code times} requests, whatever they are, are answered with {@code httpStatus} (e.g.
   * 500, 503) and an {@code api_error}, before anything is done or stored, as when Stripe's
   * infrastructure fails.
   */
  public void failNextRequests(int httpStatus, int times) {
    failNextRequests(null, httpStatus, times);
  }

  /**
   * Like {@link #failNextRequests(int, int)}, for the next {@code times} requests whose path starts
   * with {@code path} (e.g. {@code /v1/payment_intents}); other requests are served as usual.
   */
  public synchronized void failNextRequests(String path, int httpStatus, int times) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(path, httpStatus));
    }
  }

  /** Adds a card payment method with the given id, not attached to any customer. */
  public synchronized String addCard(
      String id, String brand, String last4, int expMonth, int expYear) {
    paymentMethods.put(id, card(id, brand, last4, expMonth, expYear));
    return id;
  }

  private static Map<String, Object> card(
      String id, String brand, String last4, int expMonth, int expYear) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("brand", brand);
    card.put("country", "US");
    card.put("exp_month", expMonth);
    card.put("exp_year", expYear);
    card.put("funding", "credit");
    card.put("last4", last4);
    Map<String, Object> pm = new LinkedHashMap<>();
    pm.put("id", id);
    pm.put("object", "payment_method");
    pm.put("billing_details", new LinkedHashMap<>());
    pm.put("card", card);
    pm.put("created", now());
    pm.put("customer", null);
    pm.put("livemode", false);
    pm.put("metadata", new LinkedHashMap<>());
    pm.put("type", "card");
    return pm;
  }

  /** Adds a card payment method with a new id. */
  public String addCard(String brand, String last4, int expMonth, int expYear) {
    return addCard(newId("pm"), brand, last4, expMonth, expYear);
  }

  /** Marks a customer deleted: it is then retrieved as {@code {"id":…,"deleted":true}}. */
  public synchronized void deleteCustomer(String id) {
    Map<String, Object> deleted = new LinkedHashMap<>();
    deleted.put("id", id);
    deleted.put("object", "customer");
    deleted.put("deleted", true);
    customers.put(id, deleted);
  }

  // --- inspection --------------------------------------------------------------------------------

  /** The customers, in the order they were created (copies). */
  public synchronized List<Map<String, Object>> customers() {
    return copy(new ArrayList<>(customers.values()));
  }

  /** One customer (a copy), or null. */
  public synchronized Map<String, Object> customer(String id) {
    Map<String, Object> c = customers.get(id);
    return c == null ? null : copy(c);
  }

  /** One payment method (a copy), or null. */
  public synchronized Map<String, Object> paymentMethod(String id) {
    Map<String, Object> pm = paymentMethods.get(id);
    return pm == null ? null : copy(pm);
  }

  /**
   * Every PaymentIntent created, declined ones included, in order (copies); an idempotent replay
   * creates none.
   */
  public synchronized List<Map<String, Object>> charges() {
    return copy(new ArrayList<>(paymentIntents.values()));
  }

  /** One PaymentIntent (a copy), or null. */
  public synchronized Map<String, Object> paymentIntent(String id) {
    Map<String, Object> pi = paymentIntents.get(id);
    return pi == null ? null : copy(pi);
  }

  /** Every refund created, in order (copies). */
  public synchronized List<Map<String, Object>> refunds() {
    return copy(new ArrayList<>(refunds));
  }

  /** Every request received, in order. */
  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  // --- webhooks ----------------------------------------------------------------------------------

  /**
   * An event as Stripe sends it to webhook endpoints (https://docs.stripe.com/api/events/object),
   * with a new {@code evt_} id, created now.
   */
  public String event(String type, Map<String, Object> object) {
    return event(newId("evt"), type, object, Instant.now());
  }

  /** An event with the given id and creation time. */
  public static String event(String id, String type, Map<String, Object> object, Instant created) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("object", object);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", null);
    request.put("idempotency_key", null);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", created.getEpochSecond());
    event.put("data", data);
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    event.put("request", request);
    event.put("type", type);
    return GSON.toJson(event);
  }

  /**
   * A {@code payment_intent.*} event ({@code payment_intent.succeeded}, {@code
   * payment_intent.payment_failed} …) about a PaymentIntent this fake created.
   */
  public String paymentIntentEvent(String type, String paymentIntentId) {
    return event(type, require(paymentIntent(paymentIntentId), paymentIntentId));
  }

  /** The charge of a PaymentIntent this fake created, with the PaymentIntent's metadata. */
  public synchronized Map<String, Object> chargeOf(String paymentIntentId) {
    Map<String, Object> pi = require(paymentIntents.get(paymentIntentId), paymentIntentId);
    long amountRefunded = refunded.getOrDefault(paymentIntentId, 0L);
    Map<String, Object> charge = new LinkedHashMap<>();
    charge.put("id", pi.get("latest_charge"));
    charge.put("object", "charge");
    charge.put("amount", pi.get("amount"));
    charge.put("amount_captured", pi.get("amount_received"));
    charge.put("amount_refunded", amountRefunded);
    charge.put("captured", "succeeded".equals(pi.get("status")));
    charge.put("created", pi.get("created"));
    charge.put("currency", pi.get("currency"));
    charge.put("customer", pi.get("customer"));
    charge.put("livemode", false);
    // Stripe copies the PaymentIntent's metadata to the charges it creates
    charge.put("metadata", copy(map(pi.get("metadata"))));
    charge.put("paid", "succeeded".equals(pi.get("status")));
    charge.put("payment_intent", paymentIntentId);
    charge.put("payment_method", pi.get("payment_method"));
    charge.put("refunded", amountRefunded > 0 && amountRefunded >= (Long) pi.get("amount"));
    charge.put("status", "succeeded".equals(pi.get("status")) ? "succeeded" : "failed");
    return charge;
  }

  /** A {@code charge.refunded} event about the charge of a PaymentIntent this fake created. */
  public String chargeRefundedEvent(String paymentIntentId) {
    return event("charge.refunded", chargeOf(paymentIntentId));
  }

  /** A dispute (chargeback) of the charge of a PaymentIntent this fake created. */
  public Map<String, Object> disputeOf(String paymentIntentId, String reason) {
    Map<String, Object> charge = chargeOf(paymentIntentId);
    Map<String, Object> dispute = new LinkedHashMap<>();
    dispute.put("id", newId("dp"));
    dispute.put("object", "dispute");
    dispute.put("amount", charge.get("amount"));
    dispute.put("charge", charge.get("id"));
    dispute.put("created", now());
    dispute.put("currency", charge.get("currency"));
    dispute.put("is_charge_refundable", false);
    dispute.put("livemode", false);
    dispute.put("metadata", new LinkedHashMap<>());
    dispute.put("payment_intent", paymentIntentId);
    dispute.put("reason", reason);
    dispute.put("status", "needs_response");
    return dispute;
  }

  /** A {@code charge.dispute.created} event about the charge of a PaymentIntent this fake created. */
  public String disputeCreatedEvent(String paymentIntentId) {
    return event("charge.dispute.created", disputeOf(paymentIntentId, "fraudulent"));
  }

  /**
   * The {@code Stripe-Signature} header Stripe would send with {@code payload} at {@code
   * timestamp} (Unix seconds), made by stripe-java's own {@code
   * Webhook.Signature.generateSignatureHeader}: {@code t=<timestamp>,v1=<hex HMAC-SHA256>}.
   */
  public static String signatureHeader(String payload, String secret, long timestamp) {
    try {
      return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Stripe-Signature} header for {@code payload} signed now. */
  public static String signatureHeader(String payload, String secret) {
    return signatureHeader(payload, secret, Instant.now().getEpochSecond());
  }

  /**
   * POSTs {@code payload} to a webhook endpoint as Stripe does, signed now with {@code secret}.
   *
   * @return the endpoint's answer
   */
  public static HttpResponse<String> postEvent(URI url, String payload, String secret) {
    return post(url, payload.getBytes(StandardCharsets.UTF_8), signatureHeader(payload, secret));
  }

  /**
   * POSTs {@code body} to a webhook endpoint with the given {@code Stripe-Signature} header (none
   * when null), for tests of forged, altered or replayed calls.
   */
  public static HttpResponse<String> post(URI url, byte[] body, String signatureHeader) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signatureHeader != null) {
      request.header("Stripe-Signature", signatureHeader);
    }
    try {
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // --- the API -----------------------------------------------------------------------------------

  private synchronized void handle(HttpExchange exchange) throws IOException {
    Answer answer;
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> params = new LinkedHashMap<>();
      parseForm(exchange.getRequestURI().getRawQuery(), params);
      parseForm(
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      Recorded recorded = new Recorded(method, path, Map.copyOf(params), Map.copyOf(headers));
      requests.add(recorded);
      answer = answer(recorded);
      if (answer.status == -1) {
        // a replay: the stored answer, marked as Stripe marks it
        exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
        answer = idempotent.get(recorded.header("Idempotency-Key")).answer;
      }
    } catch (RuntimeException e) {
      answer = error(500, "api_error", null, null, "fake Stripe failed: " + e);
    }
    byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Request-Id", newId("req"));
    exchange.getResponseHeaders().add("Stripe-Version", Stripe.API_VERSION);
    exchange.sendResponseHeaders(answer.status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** The answer, or status -1 for "replay the stored answer". */
  private Answer answer(Recorded request) {
    String method = request.method();
    String path = request.path();
    Map<String, String> params = request.params();
    String key = request.header("Idempotency-Key");
    for (Failure failure : failures) {
      if (failure.path() == null || path.startsWith(failure.path())) {
        failures.remove(failure);
        return error(failure.status(), "api_error", null, null, "An unknown error occurred");
      }
    }
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + apiKey)) {
      return error(
          401,
          "invalid_request_error",
          null,
          null,
          authorization == null
              ? "You did not provide an API key."
              : "Invalid API Key provided: " + mask(authorization.replaceFirst("^Bearer ", "")));
    }
    if (key != null && method.equals("POST")) {
      Stored stored = idempotent.get(key);
      if (stored != null) {
        if (stored.method.equals(method) && stored.path.equals(path) && stored.params.equals(params)) {
          return new Answer(-1, "");
        }
        return error(
            400,
            "idempotency_error",
            null,
            null,
            "Keys for idempotent requests can only be used with the same parameters they were"
                + " first used with. Try using a key other than '"
                + key
                + "' if you meant to execute a different request.");
      }
    }
    Answer answer = route(method, path, params);
    if (key != null && method.equals("POST")) {
      // Stripe saves the result once an endpoint has started, errors included
      idempotent.put(key, new Stored(method, path, Map.copyOf(params), answer));
    }
    return answer;
  }

  private Answer route(String method, String path, Map<String, String> params) {
    Matcher m;
    if (path.equals("/v1/customers") && method.equals("POST")) {
      return createCustomer(params);
    }
    if ((m = CUSTOMER.matcher(path)).matches() && method.equals("POST")) {
      return updateCustomer(decode(m.group(1)), params);
    }
    if ((m = CUSTOMER.matcher(path)).matches() && method.equals("GET")) {
      Map<String, Object> customer = customers.get(decode(m.group(1)));
      return customer == null ? missing("customer", decode(m.group(1))) : ok(customer);
    }
    if ((m = ATTACH.matcher(path)).matches() && method.equals("POST")) {
      return attach(decode(m.group(1)), params);
    }
    if (path.equals("/v1/payment_intents") && method.equals("POST")) {
      return createPaymentIntent(params);
    }
    if ((m = PAYMENT_INTENT.matcher(path)).matches() && method.equals("GET")) {
      Map<String, Object> pi = paymentIntents.get(decode(m.group(1)));
      return pi == null ? missing("payment_intent", decode(m.group(1))) : ok(pi);
    }
    if (path.equals("/v1/refunds") && method.equals("POST")) {
      return createRefund(params);
    }
    return error(
        404,
        "invalid_request_error",
        null,
        null,
        "Unrecognized request URL (" + method + ": " + path + ").");
  }

  private Answer createCustomer(Map<String, String> params) {
    Map<String, Object> invoiceSettings = new LinkedHashMap<>();
    invoiceSettings.put("custom_fields", null);
    invoiceSettings.put("default_payment_method", null);
    invoiceSettings.put("footer", null);
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", newId("cus"));
    customer.put("object", "customer");
    customer.put("address", null);
    customer.put("balance", 0);
    customer.put("created", now());
    customer.put("currency", null);
    customer.put("default_source", null);
    customer.put("delinquent", false);
    customer.put("description", null);
    customer.put("email", null);
    customer.put("invoice_settings", invoiceSettings);
    customer.put("livemode", false);
    customer.put("metadata", new LinkedHashMap<>());
    customer.put("name", null);
    customer.put("phone", null);
    Answer invalid = applyCustomer(customer, params);
    if (invalid != null) {
      return invalid;
    }
    customers.put((String) customer.get("id"), customer);
    return ok(customer);
  }

  private Answer updateCustomer(String id, Map<String, String> params) {
    Map<String, Object> customer = customers.get(id);
    if (customer == null || Boolean.TRUE.equals(customer.get("deleted"))) {
      return missing("customer", id);
    }
    Map<String, Object> updated = copy(customer);
    Answer invalid = applyCustomer(updated, params);
    if (invalid != null) {
      return invalid;
    }
    customers.put(id, updated);
    return ok(updated);
  }

  /** Applies the customer parameters the plugin sends; an answer if one is invalid. */
  private Answer applyCustomer(Map<String, Object> customer, Map<String, String> params) {
    for (String field : List.of("name", "email", "description", "phone")) {
      if (params.containsKey(field)) {
        String value = params.get(field);
        customer.put(field, value.isEmpty() ? null : value);
      }
    }
    Map<String, String> address = sub(params, "address");
    if (!address.isEmpty()) {
      Map<String, Object> a = new LinkedHashMap<>();
      for (String field : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
        a.put(field, address.get(field));
      }
      customer.put("address", a);
    }
    Map<String, Object> metadata = map(customer.get("metadata"));
    sub(params, "metadata")
        .forEach(
            (k, v) -> {
              if (v.isEmpty()) {
                metadata.remove(k);
              } else {
                metadata.put(k, v);
              }
            });
    String pm = params.get("invoice_settings[default_payment_method]");
    if (pm != null) {
      Map<String, Object> method = paymentMethods.get(pm);
      if (method == null || !Objects.equals(method.get("customer"), customer.get("id"))) {
        return error(
            400,
            "invalid_request_error",
            "resource_missing",
            null,
            "No such PaymentMethod: '" + pm + "'; it is not attached to this customer.");
      }
      map(customer.get("invoice_settings")).put("default_payment_method", pm);
    }
    return null;
  }

  private Answer attach(String id, Map<String, String> params) {
    Map<String, Object> pm = paymentMethods.get(id);
    if (pm == null && tokens.containsKey(id)) {
      // a test token: a new payment method made from it
      pm = copy(tokens.get(id));
      pm.put("id", newId("pm"));
      pm.put("created", now());
    }
    if (pm == null) {
      return missing("PaymentMethod", id);
    }
    String customer = params.get("customer");
    if (customer == null) {
      return error(
          400, "invalid_request_error", "parameter_missing", null, "Missing required param: customer.");
    }
    if (!customers.containsKey(customer)) {
      return missing("customer", customer);
    }
    if (pm.get("customer") != null && !customer.equals(pm.get("customer"))) {
      return error(
          400,
          "invalid_request_error",
          "payment_method_unexpected_state",
          null,
          "The payment method you provided has already been attached to a customer.");
    }
    pm.put("customer", customer);
    paymentMethods.put((String) pm.get("id"), pm);
    return ok(pm);
  }

  private Answer createPaymentIntent(Map<String, String> params) {
    long amount;
    try {
      amount = Long.parseLong(params.getOrDefault("amount", ""));
    } catch (NumberFormatException e) {
      return error(
          400, "invalid_request_error", "parameter_missing", null, "Missing required param: amount.");
    }
    String currency = params.get("currency");
    if (amount < 1 || currency == null || !currency.matches("[a-z]{3}")) {
      return error(
          400,
          "invalid_request_error",
          "parameter_invalid_integer",
          null,
          "Invalid amount or currency.");
    }
    String customer = params.get("customer");
    if (customer != null && !customers.containsKey(customer)) {
      return missing("customer", customer);
    }
    String method = params.get("payment_method");
    Map<String, Object> pm = method == null ? null : paymentMethods.get(method);
    if (method != null && pm == null) {
      return missing("payment_method", method);
    }
    if (pm != null && customer != null && !customer.equals(pm.get("customer"))) {
      return error(
          400,
          "invalid_request_error",
          "payment_method_unexpected_state",
          null,
          "The provided PaymentMethod was previously used with a PaymentIntent without Customer"
              + " attachment, shared with a connected account without Customer attachment, or was"
              + " detached from a Customer.");
    }
    if (!"true".equals(params.get("confirm")) || method == null) {
      return error(
          400,
          "invalid_request_error",
          "parameter_missing",
          null,
          "This fake only creates confirmed PaymentIntents with a payment_method.");
    }
    Map<String, Object> pi = new LinkedHashMap<>();
    pi.put("id", newId("pi"));
    pi.put("object", "payment_intent");
    pi.put("amount", amount);
    pi.put("amount_received", 0L);
    pi.put("capture_method", "automatic");
    pi.put("client_secret", null);
    pi.put("confirmation_method", "automatic");
    pi.put("created", now());
    pi.put("currency", currency);
    pi.put("customer", customer);
    pi.put("description", params.get("description"));
    pi.put("last_payment_error", null);
    pi.put("latest_charge", newId("ch"));
    pi.put("livemode", false);
    pi.put("metadata", new LinkedHashMap<>(sub(params, "metadata")));
    pi.put("payment_method", method);
    pi.put("payment_method_types", List.of("card"));
    pi.put("status", "succeeded");
    paymentIntents.put((String) pi.get("id"), pi);

    String decline = declines.poll();
    if (decline != null) {
      String message =
          decline.equals("insufficient_funds")
              ? "Your card has insufficient funds."
              : "Your card was declined.";
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", "card_error");
      error.put("code", "card_declined");
      error.put("decline_code", decline);
      error.put("message", message);
      error.put("charge", pi.get("latest_charge"));
      error.put("doc_url", "https://docs.stripe.com/error-codes/card-declined");
      error.put("payment_method", pm);
      pi.put("status", "requires_payment_method");
      pi.put("last_payment_error", error);
      Map<String, Object> full = new LinkedHashMap<>(error);
      full.put("payment_intent", pi);
      return new Answer(402, GSON.toJson(Map.of("error", full)));
    }
    String status = statuses.poll();
    pi.put("status", status == null ? "succeeded" : status);
    if ("succeeded".equals(pi.get("status"))) {
      pi.put("amount_received", amount);
    }
    return ok(pi);
  }

  private Answer createRefund(Map<String, String> params) {
    String paymentIntent = params.get("payment_intent");
    String charge = params.get("charge");
    if (paymentIntent == null && charge != null) {
      for (Map<String, Object> pi : paymentIntents.values()) {
        if (charge.equals(pi.get("latest_charge"))) {
          paymentIntent = (String) pi.get("id");
        }
      }
      if (paymentIntent == null) {
        return missing("charge", charge);
      }
    }
    if (paymentIntent == null) {
      return error(
          400,
          "invalid_request_error",
          "parameter_missing",
          null,
          "One of the following params should be provided for this request: payment_intent or"
              + " charge.");
    }
    Map<String, Object> pi = paymentIntents.get(paymentIntent);
    if (pi == null) {
      return missing("payment_intent", paymentIntent);
    }
    if (!"succeeded".equals(pi.get("status"))) {
      return error(
          400,
          "invalid_request_error",
          "charge_not_refundable",
          null,
          "This PaymentIntent does not have a successful charge to refund.");
    }
    long received = (Long) pi.get("amount_received");
    long already = refunded.getOrDefault(paymentIntent, 0L);
    if (already >= received) {
      return error(
          400,
          "invalid_request_error",
          "charge_already_refunded",
          null,
          "Charge " + pi.get("latest_charge") + " has already been refunded.");
    }
    long amount = params.containsKey("amount") ? Long.parseLong(params.get("amount")) : received - already;
    if (amount < 1 || amount > received - already) {
      return error(
          400,
          "invalid_request_error",
          "amount_too_large",
          null,
          "Refund amount ($"
              + amount / 100.0
              + ") is greater than unrefunded amount on charge ($"
              + (received - already) / 100.0
              + ")");
    }
    refunded.put(paymentIntent, already + amount);
    Map<String, Object> refund = new LinkedHashMap<>();
    refund.put("id", newId("re"));
    refund.put("object", "refund");
    refund.put("amount", amount);
    refund.put("charge", pi.get("latest_charge"));
    refund.put("created", now());
    refund.put("currency", pi.get("currency"));
    refund.put("metadata", new LinkedHashMap<>(sub(params, "metadata")));
    refund.put("payment_intent", paymentIntent);
    refund.put("reason", params.get("reason"));
    refund.put("status", "succeeded");
    refunds.add(refund);
    return ok(refund);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static Answer ok(Map<String, Object> object) {
    return new Answer(200, GSON.toJson(object));
  }

  private static Answer missing(String what, String id) {
    return error(404, "invalid_request_error", "resource_missing", null, "No such " + what + ": '" + id + "'");
  }

  private static Answer error(
      int status, String type, String code, String declineCode, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    if (declineCode != null) {
      error.put("decline_code", declineCode);
    }
    error.put("message", message);
    return new Answer(status, GSON.toJson(Map.of("error", error)));
  }

  /** Stripe's way of quoting a wrong key: its start and its last four characters. */
  private static String mask(String key) {
    if (key.length() <= 12) {
      return "***";
    }
    return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
  }

  private static void parseForm(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(decode(k), decode(v));
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The {@code name[key]=value} parameters as a map of key to value. */
  private static Map<String, String> sub(Map<String, String> params, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String prefix = name + "[";
    params.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.endsWith("]")) {
            out.put(k.substring(prefix.length(), k.length() - 1), v);
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** A deep copy of JSON-shaped data (maps, lists, values). */
  @SuppressWarnings("unchecked")
  private static <T> T copy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return (T) out;
    }
    return value;
  }

  private static <T> T require(T value, String id) {
    if (value == null) {
      throw new IllegalArgumentException("no such object in this fake: " + id);
    }
    return value;
  }

  private String newId(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append("_");
    synchronized (random) {
      for (int i = 0; i < 24; i++) {
        id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return id.toString();
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
