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
import com.ngx.api.tenant.TenantContext;
import com.ngx.api.web.WebRequest;
import com.ngx.billing.Settlement;
import com.ngx.billing.internal.calc.DunningSchedule;
import com.ngx.billing.internal.calc.InvoiceMath;
import com.ngx.billing.internal.calc.Money;
import com.ngx.billing.internal.mail.Brand;
import com.ngx.billing.internal.mail.MailTemplates;
import com.ngx.rest.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects invoices through payment providers (the built-in bank transfer, or plugins such as
 * Stripe), applies their answers and webhooks (each provider event once), runs dunning (retries on
 * the configured schedule, an email at each step, suspension when it runs out or on a hard
 * decline, reactivation on payment) and refunds.
 *
 * <p>A charge attempt is written (pending) before the provider is called and keeps its idempotency
 * key {@code invoice:<id>:<attempt>} until the provider gives a definite failure, so a crash or a
 * timeout followed by a retry never charges twice.
 */
@Component(service = Payments.class, configurationPid = "com.ngx.billing")
public final class Payments {
  private static final Logger LOG = LoggerFactory.getLogger(Payments.class);
  static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(30);

  private final BillingStore store;
  private final Accounts accounts;
  private final Invoicing invoicing;
  private final Notifier notifier;
  private final ConfigurationAdmin configAdmin;
  private final DunningSchedule schedule;
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ngx-billing-payment");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, PaymentProvider> providers = new ConcurrentHashMap<>();
  private final Map<String, PaymentAccounts> accountServices = new ConcurrentHashMap<>();
  private final Map<String, PaymentRefunds> refundServices = new ConcurrentHashMap<>();
  private final Map<String, PaymentWebhooks> webhookServices = new ConcurrentHashMap<>();

  @Activate
  public Payments(
      @Reference BillingStore store,
      @Reference Accounts accounts,
      @Reference Invoicing invoicing,
      @Reference Notifier notifier,
      @Reference ConfigurationAdmin configAdmin,
      BillingConfiguration config) {
    this.store = store;
    this.accounts = accounts;
    this.invoicing = invoicing;
    this.notifier = notifier;
    this.configAdmin = configAdmin;
    this.schedule = DunningSchedule.parse(config.dunningSchedule());
  }

  @Deactivate
  void deactivate() {
    calls.shutdownNow();
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addProvider(PaymentProvider p) {
    providers.put(p.providerId(), p);
  }

  void removeProvider(PaymentProvider p) {
    providers.remove(p.providerId(), p);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addAccounts(PaymentAccounts p) {
    accountServices.put(p.providerId(), p);
  }

  void removeAccounts(PaymentAccounts p) {
    accountServices.remove(p.providerId(), p);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addRefunds(PaymentRefunds p) {
    refundServices.put(p.providerId(), p);
  }

  void removeRefunds(PaymentRefunds p) {
    refundServices.remove(p.providerId(), p);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addWebhooks(PaymentWebhooks p) {
    webhookServices.put(p.providerId(), p);
  }

  void removeWebhooks(PaymentWebhooks p) {
    webhookServices.remove(p.providerId(), p);
  }

  /** The installed providers' ids. */
  public List<String> providerIds() {
    List<String> ids = new ArrayList<>(providers.keySet());
    Collections.sort(ids);
    return ids;
  }

  // ---- collecting ----

  private record Attempt(String paymentId, String provider, PaymentRequest request, TenantContext tenant) {}

  /**
   * Tries to collect an open invoice now; returns the payment's status ({@code succeeded}, {@code
   * pending}, {@code failed}, {@code hard_declined}) or null when there was nothing to collect.
   */
  public String collect(UUID invoiceId) {
    Attempt attempt = store.tx(em -> {
      InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId.toString(), LockModeType.PESSIMISTIC_WRITE);
      if (i == null || !Status.OPEN.equals(i.status) || i.amountDueMinor <= 0) {
        return null;
      }
      AccountEntity a = em.find(AccountEntity.class, i.tenantId);
      String key = "invoice:" + i.id + ":" + (i.attempts + 1);
      List<PaymentEntity> existing = em.createQuery(
              "select p from PaymentEntity p where p.idempotencyKey = :k", PaymentEntity.class)
          .setParameter("k", key).getResultList();
      PaymentEntity p;
      if (existing.isEmpty()) {
        p = new PaymentEntity();
        p.id = UUID.randomUUID().toString();
        p.invoiceId = i.id;
        p.tenantId = i.tenantId;
        p.provider = a.provider;
        p.attempt = i.attempts + 1;
        p.status = "pending";
        p.amountMinor = i.amountDueMinor;
        p.currency = i.currency;
        p.idempotencyKey = key;
        p.createdAt = store.utcNow();
        em.persist(p);
      } else {
        p = existing.get(0);
        if (!"pending".equals(p.status)) {
          return null;
        }
      }
      String slug = tenantSlug(i.tenantId);
      return new Attempt(p.id, p.provider,
          new PaymentRequest(i.id, p.amountMinor, i.currency, a.customerRef, key),
          new TenantContext(UUID.fromString(i.tenantId), slug));
    });
    if (attempt == null) {
      return null;
    }
    PaymentProvider provider = providers.get(attempt.provider());
    PaymentResult result;
    if (provider == null) {
      result = new PaymentResult(PaymentResult.Status.PENDING, null, "provider_unavailable",
          "The payment provider " + attempt.provider() + " is not installed");
    } else {
      result = call(() -> provider.charge(context(attempt.tenant(), attempt.provider()), attempt.request()),
          () -> new PaymentResult(PaymentResult.Status.PENDING, null, "provider_timeout",
              "The payment provider did not answer in time"));
    }
    PaymentResult r = result;
    return store.tx(em -> apply(em, attempt.paymentId(), r));
  }

  /** Applies a provider's answer to a pending payment. */
  private String apply(EntityManager em, String paymentId, PaymentResult r) {
    PaymentEntity p = em.find(PaymentEntity.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
    InvoiceEntity i = em.find(InvoiceEntity.class, p.invoiceId, LockModeType.PESSIMISTIC_WRITE);
    if (!"pending".equals(p.status)) {
      return p.status;
    }
    if (r.reference() != null) {
      p.reference = r.reference();
    }
    p.message = trim(r.message(), 500);
    switch (r.status()) {
      case SUCCEEDED -> {
        p.status = "succeeded";
        invoicing.paid(em, i, p, p.amountMinor);
      }
      case PENDING -> {
        boolean overdue = i.dueAt != null && !store.utcNow().isBefore(i.dueAt);
        if (ManualProvider.ID.equals(p.provider) && overdue) {
          fail(em, p, i, "unpaid", "Not paid by the due date " + i.dueAt.toLocalDate(), false);
        } else {
          p.failureCode = r.failureCode();
          i.nextAttemptAt = ManualProvider.ID.equals(p.provider) ? i.dueAt : store.utcNow().plusDays(1);
        }
      }
      case FAILED -> fail(em, p, i, r.failureCode(), r.message(), false);
      case HARD_DECLINED -> fail(em, p, i, r.failureCode(), r.message(), true);
    }
    return p.status;
  }

  /** A failed attempt: schedule the next retry and email, or stop and suspend. */
  private void fail(EntityManager em, PaymentEntity p, InvoiceEntity i, String code, String message, boolean hard) {
    p.status = hard ? "hard_declined" : "failed";
    p.failureCode = trim(code == null ? (hard ? "hard_decline" : "failed") : code, 60);
    p.message = trim(message, 500);
    LocalDateTime now = store.utcNow();
    i.attempts = Math.max(i.attempts, p.attempt);
    if (i.firstFailedAt == null) {
      i.firstFailedAt = now;
    }
    int retriesDone = i.attempts - 1;
    // retries are due from the start of their day (UTC), so the day's billing run makes them
    Optional<Instant> next = hard ? Optional.empty()
        : schedule.nextAttempt(BillingStore.instant(i.firstFailedAt.toLocalDate().atStartOfDay()), retriesDone);
    i.nextAttemptAt = next.map(BillingStore::utc).orElse(null);
    SubscriptionEntity s = em.find(SubscriptionEntity.class, i.tenantId, LockModeType.PESSIMISTIC_WRITE);
    AccountEntity a = em.find(AccountEntity.class, i.tenantId);
    UUID tenant = UUID.fromString(i.tenantId);
    notifier.mail(em, tenant, a.email, () -> MailTemplates.paymentFailed(accounts.brand(em, a), a.email, a.billingName, i.number,
        Money.format(i.amountDueMinor, i.currency), i.attempts,
        next.map(t -> t.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()).orElse(null),
        p.message == null ? p.failureCode : p.message, accounts.link("/billing/invoices/" + i.id)));
    notifier.notice(em, tenant, "payment_failed", "payment_failed:" + p.id,
        "Payment of " + i.number + " failed (" + p.failureCode + ")"
            + next.map(t -> "; next attempt " + t).orElse("; no more attempts"));
    if (s != null && next.isEmpty()) {
      accounts.suspend(em, s, i.number, i.amountDueMinor, i.currency);
    } else if (s != null && (Status.ACTIVE.equals(s.status) || Status.TRIALING.equals(s.status))) {
      s.status = Status.PAST_DUE;
      s.updatedAt = now;
      notifier.event(com.ngx.api.event.EventTypes.SUBSCRIPTION_CHANGED, tenant,
          Map.of("plan", s.planId, "status", s.status));
    }
  }

  /** Retries every open invoice whose next attempt is due; returns how many were tried. */
  public int retryDue() {
    List<String> due = store.tx(em -> em.createQuery(
            "select i.id from InvoiceEntity i where i.status = 'open' and i.nextAttemptAt is not null"
                + " and i.nextAttemptAt <= :now order by i.nextAttemptAt", String.class)
        .setParameter("now", store.utcNow()).getResultList());
    int n = 0;
    for (String id : due) {
      try {
        collect(UUID.fromString(id));
        n++;
      } catch (RuntimeException e) {
        LOG.warn("Collecting invoice {} failed", id, e);
      }
    }
    return n;
  }

  /** Retries the tenant's open, failed invoices now (after a new payment method). */
  void retryOpen(UUID tenantId) {
    List<String> open = store.tx(em -> em.createQuery(
            "select i.id from InvoiceEntity i where i.tenantId = :t and i.status = 'open'", String.class)
        .setParameter("t", tenantId.toString()).getResultList());
    for (String id : open) {
      collect(UUID.fromString(id));
    }
  }

  /** Records a payment the operator received outside any provider (a bank transfer). */
  public void recordManualPayment(UUID invoiceId, long amountMinor, String reference) {
    store.tx(em -> {
      InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId.toString(), LockModeType.PESSIMISTIC_WRITE);
      if (i == null) {
        throw ApiException.notFound("No invoice " + invoiceId);
      }
      if (!Status.OPEN.equals(i.status)) {
        throw ApiException.conflict("Invoice " + i.number + " is " + i.status + ", not open");
      }
      if (amountMinor <= 0 || amountMinor > i.amountDueMinor) {
        throw ApiException.invalid("amount", "must be positive and at most the amount due, "
            + Money.toDecimal(i.amountDueMinor, i.currency).toPlainString());
      }
      PaymentEntity p = new PaymentEntity();
      p.id = UUID.randomUUID().toString();
      p.invoiceId = i.id;
      p.tenantId = i.tenantId;
      p.provider = ManualProvider.ID;
      p.attempt = i.attempts + 1;
      p.status = "succeeded";
      p.amountMinor = amountMinor;
      p.currency = i.currency;
      p.reference = trim(reference, 200);
      p.idempotencyKey = "manual:" + p.id;
      p.createdAt = store.utcNow();
      em.persist(p);
      em.createNativeQuery("update bill_payment set status = 'cancelled' where invoice_id = ? and status = 'pending'")
          .setParameter(1, i.id).executeUpdate();
      invoicing.paid(em, i, p, amountMinor);
      return null;
    });
  }

  // ---- payment methods ----

  /** Sets the tenant's payment provider and (for providers with accounts) its payment method. */
  public SubscriptionView setPaymentMethod(UUID tenantId, String providerId, String token, Subscriptions subscriptions) {
    if (providerId == null || !providers.containsKey(providerId)) {
      throw ApiException.invalid("provider", "is not an installed payment provider; installed: " + providerIds());
    }
    if (ManualProvider.ID.equals(providerId)) {
      store.tx(em -> {
        AccountEntity a = em.find(AccountEntity.class, accounts.ensure(em, tenantId).tenantId,
            LockModeType.PESSIMISTIC_WRITE);
        a.provider = providerId;
        a.paymentMethod = null;
        a.updatedAt = store.utcNow();
        return null;
      });
      return subscriptions.view(tenantId);
    }
    PaymentAccounts pa = accountServices.get(providerId);
    if (pa == null) {
      throw ApiException.invalid("provider", "does not keep payment methods");
    }
    if (token == null || token.isBlank() || token.length() > 200) {
      throw ApiException.invalid("token", "is required: the payment method token from the provider's form");
    }
    AccountEntity a = store.tx(em -> accounts.ensure(em, tenantId));
    TenantContext tenant = new TenantContext(tenantId, tenantSlug(a.tenantId));
    String existing = providerId.equals(a.provider) ? a.customerRef : null;
    String customer = call(() -> pa.saveCustomer(context(tenant, providerId), new PaymentCustomer(existing,
            a.tenantId, a.billingName, a.email, a.country,
            // creating is done once per tenant and provider; an update is idempotent by nature and
            // must not reuse the creation's key (a provider refuses a key with other parameters)
            existing == null ? "customer:" + a.tenantId + ":" + providerId : "customer-update:" + UUID.randomUUID())),
        () -> null);
    if (customer == null) {
      throw new ApiException(502, "Payment provider failed", "The payment provider did not answer; try again",
          List.of());
    }
    PaymentMethod method = call(() -> pa.attachPaymentMethod(context(tenant, providerId), customer, token.strip()),
        () -> null);
    if (method == null) {
      throw new ApiException(502, "Payment provider failed", "The payment provider did not answer; try again",
          List.of());
    }
    store.tx(em -> {
      AccountEntity row = em.find(AccountEntity.class, a.tenantId, LockModeType.PESSIMISTIC_WRITE);
      row.provider = providerId;
      row.customerRef = customer;
      row.paymentMethod = Plans.JSON.valueToTree(method).toString();
      row.updatedAt = store.utcNow();
      return null;
    });
    retryOpen(tenantId);
    return subscriptions.view(tenantId);
  }

  // ---- webhooks ----

  /** Receives a provider's webhook; the events it carries are applied once each. */
  public int webhook(String providerId, WebRequest request) {
    PaymentWebhooks hooks = webhookServices.get(providerId);
    if (hooks == null) {
      throw ApiException.notFound("No payment provider " + providerId + " receives webhooks here");
    }
    List<PaymentEvent> events;
    try {
      events = hooks.receive(context(ProviderContext.PLATFORM, providerId), request);
    } catch (SecurityException e) {
      throw ApiException.badRequest("Webhook rejected: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Not a webhook event: " + e.getMessage());
    }
    int applied = 0;
    for (PaymentEvent e : events) {
      if (store.tx(em -> applyEvent(em, providerId, e))) {
        applied++;
      }
    }
    return applied;
  }

  private boolean applyEvent(EntityManager em, String providerId, PaymentEvent e) {
    if (!em.createNativeQuery("select event_id from bill_provider_event where provider = ? and event_id = ?")
        .setParameter(1, providerId).setParameter(2, e.eventId()).getResultList().isEmpty()) {
      return false;
    }
    em.createNativeQuery("insert into bill_provider_event (provider, event_id, type, invoice_id, received_at)"
            + " values (?, ?, ?, ?, ?)")
        .setParameter(1, providerId).setParameter(2, trim(e.eventId(), 200)).setParameter(3, e.type().name())
        .setParameter(4, e.invoiceId()).setParameter(5, store.utcNow()).executeUpdate();
    PaymentEntity p = null;
    if (e.reference() != null) {
      List<PaymentEntity> byRef = em.createQuery(
              "select p from PaymentEntity p where p.provider = :pr and p.reference = :r order by p.createdAt desc",
              PaymentEntity.class)
          .setParameter("pr", providerId).setParameter("r", e.reference()).getResultList();
      p = byRef.isEmpty() ? null : byRef.get(0);
    }
    InvoiceEntity i = p != null ? em.find(InvoiceEntity.class, p.invoiceId, LockModeType.PESSIMISTIC_WRITE)
        : e.invoiceId() == null ? null : em.find(InvoiceEntity.class, e.invoiceId(), LockModeType.PESSIMISTIC_WRITE);
    if (i == null) {
      LOG.info("Payment event {} of {} concerns no invoice here; recorded and ignored", e.eventId(), providerId);
      return true;
    }
    if (p == null) {
      List<PaymentEntity> pending = em.createQuery(
              "select p from PaymentEntity p where p.invoiceId = :i and p.status = 'pending' order by p.createdAt desc",
              PaymentEntity.class)
          .setParameter("i", i.id).getResultList();
      p = pending.isEmpty() ? null : pending.get(0);
    }
    switch (e.type()) {
      case SUCCEEDED -> {
        if (p != null && "pending".equals(p.status)) {
          apply(em, p.id, new PaymentResult(PaymentResult.Status.SUCCEEDED, e.reference(), null, "paid (webhook)"));
        } else if (Status.OPEN.equals(i.status)) {
          PaymentEntity np = newPayment(em, i, providerId, e.reference(), "succeeded", e.amountMinor(), "webhook:" + e.eventId());
          invoicing.paid(em, i, np, Math.min(e.amountMinor(), i.amountDueMinor));
        }
      }
      case FAILED, HARD_DECLINED -> {
        if (p != null && "pending".equals(p.status)) {
          apply(em, p.id, new PaymentResult(e.type() == PaymentEvent.Type.FAILED ? PaymentResult.Status.FAILED
              : PaymentResult.Status.HARD_DECLINED, e.reference(), e.failureCode(), "declined (webhook)"));
        }
      }
      case REFUNDED -> {
        long credited = ((Number) em.createNativeQuery(
                "select coalesce(sum(total_minor), 0) from bill_invoice where original_invoice_id = ?"
                    + " and kind = 'credit_note' and reason = 'refunded'")
            .setParameter(1, i.id).getSingleResult()).longValue();
        long more = e.amountMinor() - credited;
        if (more > 0 && Status.PAID.equals(i.status)) {
          invoicing.creditNote(em, i, null, more, "Refund through " + providerId, Settlement.REFUNDED,
              "event:" + providerId + ":" + e.eventId());
        }
      }
      case DISPUTED -> {
        if (Status.PAID.equals(i.status)) {
          invoicing.creditAll(em, i, "Chargeback (" + providerId + " dispute)", Settlement.CHARGEBACK,
              "event:" + providerId + ":" + e.eventId());
        }
      }
    }
    return true;
  }

  private PaymentEntity newPayment(EntityManager em, InvoiceEntity i, String provider, String reference, String status,
      long amount, String key) {
    PaymentEntity p = new PaymentEntity();
    p.id = UUID.randomUUID().toString();
    p.invoiceId = i.id;
    p.tenantId = i.tenantId;
    p.provider = provider;
    p.attempt = i.attempts + 1;
    p.status = status;
    p.amountMinor = amount;
    p.currency = i.currency;
    p.reference = reference;
    p.idempotencyKey = key;
    p.createdAt = store.utcNow();
    em.persist(p);
    return p;
  }

  // ---- refunds ----

  /**
   * Refunds a paid invoice, in whole lines or by an amount (tax included): the provider returns the
   * money first (when it can; bank transfers are returned by the operator), then a credit note is
   * written.
   */
  public InvoiceEntity refund(UUID invoiceId, List<String> lineIds, Long amountMinor, String memo) {
    record Plan(String provider, String reference, long amount, String currency, String tenantId) {}
    Plan plan = store.tx(em -> {
      InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId.toString());
      if (i == null || !Status.INVOICE.equals(i.kind)) {
        throw ApiException.notFound("No invoice " + invoiceId);
      }
      if (!Status.PAID.equals(i.status)) {
        throw ApiException.conflict("Only a paid invoice can be refunded; " + i.number + " is " + i.status);
      }
      long amount;
      if (lineIds != null && !lineIds.isEmpty()) {
        List<Long> amounts = new ArrayList<>();
        for (InvoiceLineEntity l : invoicing.lines(em, i.id)) {
          if (lineIds.contains(l.id)) {
            amounts.add(l.amountMinor);
          }
        }
        amount = InvoiceMath.totals(amounts, i.taxRatePercent == null ? java.math.BigDecimal.ZERO : i.taxRatePercent)
            .totalMinor();
      } else {
        amount = amountMinor == null ? 0 : amountMinor;
      }
      amount = Math.min(amount, invoicing.cashRefundable(em, i));
      List<PaymentEntity> paid = em.createQuery(
              "select p from PaymentEntity p where p.invoiceId = :i and p.status = 'succeeded' order by p.createdAt",
              PaymentEntity.class)
          .setParameter("i", i.id).getResultList();
      PaymentEntity p = paid.isEmpty() ? null : paid.get(0);
      return new Plan(p == null ? null : p.provider, p == null ? null : p.reference, amount, i.currency, i.tenantId);
    });
    String key = "refund:" + invoiceId + ":" + UUID.randomUUID();
    PaymentRefunds refunds = plan.provider() == null ? null : refundServices.get(plan.provider());
    if (refunds != null && plan.reference() != null && plan.amount() > 0) {
      TenantContext tenant = new TenantContext(UUID.fromString(plan.tenantId()), tenantSlug(plan.tenantId()));
      PaymentResult r = call(() -> refunds.refund(context(tenant, plan.provider()), plan.reference(), plan.amount(),
          plan.currency(), key), () -> new PaymentResult(PaymentResult.Status.FAILED, null, "provider_timeout", "timeout"));
      if (r.status() != PaymentResult.Status.SUCCEEDED && r.status() != PaymentResult.Status.PENDING) {
        throw new ApiException(502, "Refund failed", "The payment provider refused the refund: "
            + (r.message() == null ? r.failureCode() : r.message()), List.of());
      }
    }
    return store.tx(em -> {
      InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId.toString(), LockModeType.PESSIMISTIC_WRITE);
      return invoicing.creditNote(em, i, lineIds, amountMinor, memo, Settlement.REFUNDED, key);
    });
  }

  // ---- plumbing ----

  /** The provider's context: the operator's settings for it (PID com.ngx.billing.provider.<id>). */
  ProviderContext context(TenantContext tenant, String providerId) {
    Map<String, Object> settings = new HashMap<>();
    try {
      Configuration c = configAdmin.getConfiguration("com.ngx.billing.provider." + providerId, "?");
      Dictionary<String, Object> props = c.getProperties();
      if (props != null) {
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
          String k = keys.nextElement();
          if (!k.startsWith("service.") && !k.startsWith("felix.") && !k.equals("component.name")) {
            settings.put(k, props.get(k));
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("Settings of payment provider {} unreadable", providerId, e);
    }
    return new ProviderContext(tenant, providerId, settings, store);
  }

  private <T> T call(Supplier<T> work, Supplier<T> onTimeout) {
    Future<T> f = calls.submit(work::get);
    try {
      return f.get(PROVIDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return onTimeout.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return onTimeout.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      LOG.warn("Payment provider call failed", cause);
      if (onTimeout.get() == null) {
        throw new ApiException(502, "Payment provider failed",
            "The payment provider failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                : trim(cause.getMessage(), 300)), List.of());
      }
      T fallback = onTimeout.get();
      if (fallback instanceof PaymentResult) {
        // the outcome is unknown (the charge may have gone through): like a timeout, the attempt
        // stays pending and is retried later with the same idempotency key
        @SuppressWarnings("unchecked")
        T unknown = (T) new PaymentResult(PaymentResult.Status.PENDING, null, "provider_error",
            trim(String.valueOf(cause.getMessage()), 300));
        return unknown;
      }
      return fallback;
    }
  }

  private final Map<String, String> slugs = new ConcurrentHashMap<>();

  private String tenantSlug(String tenantId) {
    return slugs.computeIfAbsent(tenantId, id -> accounts.tenantSlug(UUID.fromString(id)));
  }

  static String trim(String s, int max) {
    return s == null ? null : s.length() > max ? s.substring(0, max) : s;
  }
}
