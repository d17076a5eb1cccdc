package com.ngx.billing.internal;

import com.ngx.api.payment.PaymentAccounts;
import com.ngx.api.payment.PaymentCustomer;
import com.ngx.api.payment.PaymentEvent;
import com.ngx.api.payment.PaymentMethod;
import com.ngx.api.payment.PaymentProvider;
import com.ngx.api.payment.PaymentRefunds;
import com.ngx.api.payment.PaymentRequest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.payment.PaymentWebhooks;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.web.WebRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A card payment provider ({@value #ID}) whose answers a test scripts per tenant: the next charges
 * succeed, fail (a decline that may pass), are hard-declined, stay pending, or throw. Unscripted
 * charges succeed. It records every charge request with its idempotency key, keeps one charge
 * reference per key (as a provider's payment intent), and turns the {@link PaymentEvent}s a test
 * hands it into webhook calls.
 */
public final class ScriptedProvider implements PaymentProvider, PaymentAccounts, PaymentRefunds, PaymentWebhooks {
  public static final String ID = "card";
  /** The header a webhook call needs to pass the provider's signature check. */
  public static final String SIGNATURE = "x-card-signature";

  /** A charge request as the provider received it, and what it answered. */
  public record Charged(UUID tenant, PaymentRequest request, PaymentResult result) {}

  /** A refund request as the provider received it. */
  public record Refunded(String chargeReference, long amountMinor, String currency, String idempotencyKey) {}

  private final Map<UUID, Deque<Supplier<PaymentResult.Status>>> scripts = new ConcurrentHashMap<>();
  private final Map<String, String> references = new ConcurrentHashMap<>();
  private final Map<String, List<PaymentEvent>> webhooks = new ConcurrentHashMap<>();
  private final List<Charged> charges = new CopyOnWriteArrayList<>();
  private final List<Refunded> refunds = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();

  @Override
  public String providerId() {
    return ID;
  }

  /** The tenant's next charges answer these, in order; then charges succeed again. */
  public ScriptedProvider script(UUID tenant, PaymentResult.Status... next) {
    Deque<Supplier<PaymentResult.Status>> q = scripts.computeIfAbsent(tenant, t -> new ArrayDeque<>());
    synchronized (q) {
      for (PaymentResult.Status s : next) {
        q.addLast(() -> s);
      }
    }
    return this;
  }

  /** The tenant's next charge throws {@code failure} (the provider's client broke mid-call). */
  public ScriptedProvider scriptFailure(UUID tenant, RuntimeException failure) {
    Deque<Supplier<PaymentResult.Status>> q = scripts.computeIfAbsent(tenant, t -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(() -> {
        throw failure;
      });
    }
    return this;
  }

  @Override
  public PaymentResult charge(PluginContext context, PaymentRequest request) {
    UUID tenant = context.tenant().id();
    Deque<Supplier<PaymentResult.Status>> q = scripts.get(tenant);
    Supplier<PaymentResult.Status> step;
    if (q == null) {
      step = null;
    } else {
      synchronized (q) {
        step = q.pollFirst();
      }
    }
    PaymentResult.Status status;
    try {
      status = step == null ? PaymentResult.Status.SUCCEEDED : step.get();
    } catch (RuntimeException e) {
      charges.add(new Charged(tenant, request, null));
      throw e;
    }
    String reference = references.computeIfAbsent(request.idempotencyKey(), k -> "ch_" + counter.incrementAndGet());
    PaymentResult result = switch (status) {
      case SUCCEEDED -> new PaymentResult(status, reference, null, "paid");
      case PENDING -> new PaymentResult(status, reference, null, "processing");
      case FAILED -> new PaymentResult(status, reference, "insufficient_funds", "Your card has insufficient funds.");
      case HARD_DECLINED -> new PaymentResult(status, reference, "stolen_card", "Your card was declined.");
    };
    charges.add(new Charged(tenant, request, result));
    return result;
  }

  /** Every charge request so far, in order. */
  public List<Charged> charges() {
    return List.copyOf(charges);
  }

  /** The charge requests for one invoice, in order. */
  public List<Charged> charges(UUID invoiceId) {
    return charges.stream().filter(c -> c.request().invoiceId().equals(invoiceId.toString())).toList();
  }

  /** The money actually taken from the tenant: one success per idempotency key. */
  public long takenMinor(UUID tenant) {
    return charges.stream()
        .filter(c -> c.tenant().equals(tenant) && c.result() != null
            && c.result().status() == PaymentResult.Status.SUCCEEDED)
        .map(Charged::request).distinct()
        .mapToLong(PaymentRequest::amountMinor).sum();
  }

  // ---- customers and payment methods ----

  @Override
  public String saveCustomer(PluginContext context, PaymentCustomer customer) {
    return customer.reference() != null ? customer.reference() : "cus_" + customer.accountId().substring(0, 8);
  }

  @Override
  public PaymentMethod attachPaymentMethod(PluginContext context, String customerReference, String token) {
    return new PaymentMethod("pm_" + token, "card", "visa", "4242", 12, 2030);
  }

  // ---- refunds ----

  @Override
  public PaymentResult refund(PluginContext context, String chargeReference, long amountMinor, String currency,
      String idempotencyKey) {
    refunds.add(new Refunded(chargeReference, amountMinor, currency, idempotencyKey));
    return new PaymentResult(PaymentResult.Status.SUCCEEDED, "re_" + counter.incrementAndGet(), null, "refunded");
  }

  /** Every refund request so far, in order. */
  public List<Refunded> refunds() {
    return List.copyOf(refunds);
  }

  // ---- webhooks ----

  /** A signed webhook call that carries {@code events}; delivering it again carries the same events. */
  public WebRequest webhook(PaymentEvent... events) {
    String body = "batch-" + counter.incrementAndGet();
    webhooks.put(body, List.of(events));
    return new WebRequest("POST", "/webhook", Map.of(), Map.of(SIGNATURE, List.of("valid")),
        body.getBytes(StandardCharsets.UTF_8), true);
  }

  @Override
  public List<PaymentEvent> receive(PluginContext context, WebRequest request) {
    if (!"valid".equals(request.header(SIGNATURE))) {
      throw new SecurityException("bad signature");
    }
    List<PaymentEvent> events = webhooks.get(new String(request.body(), StandardCharsets.UTF_8));
    if (events == null) {
      throw new IllegalArgumentException("unknown event batch");
    }
    return events;
  }
}
