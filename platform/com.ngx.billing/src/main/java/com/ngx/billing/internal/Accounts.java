package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.billing.internal.mail.Brand;
import com.ngx.billing.internal.mail.MailTemplates;
import com.ngx.rest.ApiException;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantLifecycleParticipant;
import com.ngx.tenant.TenantService;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Billing accounts and their subscriptions' life: every tenant gets one at provisioning (or, for
 * tenants older than billing, on first use), starting a trial of the configured plan; suspension
 * and reactivation.
 */
@Component(service = {Accounts.class, TenantLifecycleParticipant.class}, configurationPid = "com.ngx.billing")
public final class Accounts implements TenantLifecycleParticipant {
  private final BillingStore store;
  private final Plans plans;
  private final TenantService tenants;
  private final Notifier notifier;
  private final BillingConfiguration config;

  @Activate
  public Accounts(
      @Reference BillingStore store,
      @Reference Plans plans,
      @Reference TenantService tenants,
      @Reference Notifier notifier,
      BillingConfiguration config) {
    this.store = store;
    this.plans = plans;
    this.tenants = tenants;
    this.notifier = notifier;
    this.config = config;
  }

  /** The tenant's slug (for the contexts given to payment providers). */
  String tenantSlug(UUID tenantId) {
    return tenants.get(tenantId).map(Tenant::slug).orElse(tenantId.toString());
  }

  BillingConfiguration config() {
    return config;
  }

  @Override
  public void provisioning(Tenant tenant) {
    store.tx(em -> ensure(em, tenant.id(), tenant.name()));
  }

  /** The tenant's account, created (with a trial subscription) when it has none yet. */
  AccountEntity ensure(EntityManager em, UUID tenantId) {
    AccountEntity a = em.find(AccountEntity.class, tenantId.toString());
    if (a != null) {
      return a;
    }
    Tenant t = tenants.get(tenantId).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId));
    if (t.status() == com.ngx.tenant.TenantStatus.PROVISIONING) {
      // its provisioning creates the account (this participant); creating it here too would race
      throw new ApiException(409, "Conflict", "Tenant " + t.slug() + " is still being provisioned; retry shortly",
          java.util.List.of());
    }
    return ensure(em, tenantId, t.name());
  }

  private AccountEntity ensure(EntityManager em, UUID tenantId, String name) {
    AccountEntity a = em.find(AccountEntity.class, tenantId.toString());
    if (a != null) {
      return a;
    }
    Plan plan = plans.current(em, config.trialPlan())
        .orElseThrow(() -> new IllegalStateException("The trial plan " + config.trialPlan() + " does not exist"));
    LocalDateTime now = store.utcNow();
    a = new AccountEntity();
    a.tenantId = tenantId.toString();
    a.billingName = name;
    a.currency = plan.currency();
    a.provider = config.defaultProvider();
    a.creditBalanceMinor = 0;
    a.createdAt = now;
    a.updatedAt = now;
    em.persist(a);
    em.flush();
    SubscriptionEntity s = new SubscriptionEntity();
    s.tenantId = a.tenantId;
    s.planId = plan.id();
    s.planVersion = plan.version();
    s.startedAt = now;
    s.updatedAt = now;
    s.cancelAtPeriodEnd = 0;
    int trialDays = Math.min(config.trialDays(), plan.trialDays());
    LocalDate today = now.toLocalDate();
    if (trialDays > 0 && !plan.free()) {
      s.status = Status.TRIALING;
      s.trialEnd = now.plusDays(trialDays);
      s.periodStart = today;
      s.periodEnd = today.plusDays(trialDays);
    } else {
      // no trial: the first period starts now and its (partial) price is invoiced by the next run
      s.status = Status.TRIALING;
      s.trialEnd = now;
      s.periodStart = today;
      s.periodEnd = today;
    }
    em.persist(s);
    em.flush();
    return a;
  }

  /** The subscription, locked for update. */
  SubscriptionEntity lockSubscription(EntityManager em, UUID tenantId) {
    ensure(em, tenantId);
    return em.find(SubscriptionEntity.class, tenantId.toString(), LockModeType.PESSIMISTIC_WRITE);
  }

  /** Stops the tenant's agents (data kept) after dunning ran out or a hard decline. */
  void suspend(EntityManager em, SubscriptionEntity s, String invoiceNumber, long amountDueMinor, String currency) {
    if (Status.SUSPENDED.equals(s.status) || Status.CANCELLED.equals(s.status)) {
      return;
    }
    s.status = Status.SUSPENDED;
    s.suspendedAt = store.utcNow();
    s.updatedAt = store.utcNow();
    UUID tenant = UUID.fromString(s.tenantId);
    AccountEntity a = em.find(AccountEntity.class, s.tenantId);
    notifier.notice(em, tenant, "suspended", "suspended:" + s.suspendedAt,
        "Subscription suspended: invoice " + invoiceNumber + " is unpaid. Agents stopped serving; data is kept.");
    notifier.mail(em, tenant, a.email, () -> MailTemplates.subscriptionSuspended(brand(em, a), a.email, a.billingName,
        invoiceNumber, com.ngx.billing.internal.calc.Money.format(amountDueMinor, currency), link("/billing")));
    notifier.event(com.ngx.api.event.EventTypes.SUBSCRIPTION_CHANGED, tenant,
        Map.of("plan", s.planId, "status", s.status));
  }

  /** Lets a suspended or past-due tenant work again once nothing is overdue. */
  void reactivateIfSettled(EntityManager em, SubscriptionEntity s) {
    if (!Status.SUSPENDED.equals(s.status) && !Status.PAST_DUE.equals(s.status)) {
      return;
    }
    long overdue = ((Number) em.createNativeQuery(
            "select count(*) from bill_invoice where tenant_id = ? and status = 'open' and first_failed_at is not null")
        .setParameter(1, s.tenantId).getSingleResult()).longValue();
    if (overdue > 0) {
      return;
    }
    boolean wasSuspended = Status.SUSPENDED.equals(s.status);
    s.status = Status.ACTIVE;
    s.suspendedAt = null;
    s.updatedAt = store.utcNow();
    if (wasSuspended) {
      UUID tenant = UUID.fromString(s.tenantId);
      AccountEntity a = em.find(AccountEntity.class, s.tenantId);
      notifier.notice(em, tenant, "reactivated", "reactivated:" + s.updatedAt, "Subscription reactivated: agents serve again.");
      notifier.mail(em, tenant, a.email, () -> MailTemplates.subscriptionReactivated(brand(em, a), a.email, a.billingName));
      notifier.event(com.ngx.api.event.EventTypes.SUBSCRIPTION_CHANGED, tenant,
          Map.of("plan", s.planId, "status", s.status));
    }
  }

  /** The brand of the account's issuer (its partner's, or the platform's), for mails and PDFs. */
  Brand brand(EntityManager em, AccountEntity a) {
    IssuerEntity i = issuer(em, a);
    return new Brand(i.name, i.colour);
  }

  /** Who issues the account's invoices: its partner's issuer when it has one, else the platform. */
  IssuerEntity issuer(EntityManager em, AccountEntity a) {
    if (a.partnerId != null) {
      PartnerEntity p = em.find(PartnerEntity.class, a.partnerId);
      if (p != null && p.issuerId != null) {
        IssuerEntity i = em.find(IssuerEntity.class, p.issuerId);
        if (i != null) {
          return i;
        }
      }
    }
    return em.find(IssuerEntity.class, "platform");
  }

  String link(String path) {
    String base = config.consoleUrl();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  /** Updates billing details from a tenant's request (fields absent stay). */
  public AccountEntity update(UUID tenantId, JsonNode body) {
    com.ngx.rest.Validator v = new com.ngx.rest.Validator();
    String name = text(body, "billingName");
    String email = text(body, "email");
    String country = text(body, "country");
    String address = text(body, "address");
    String taxId = text(body, "taxId");
    if (name != null) {
      v.require("billingName", !name.isBlank() && name.length() <= 200, "must be 1-200 characters");
    }
    if (email != null) {
      v.require("email", email.length() <= 254 && email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "must be an email address");
    }
    if (country != null) {
      v.require("country", country.matches("[A-Za-z]{2}")
          && java.util.Arrays.asList(java.util.Locale.getISOCountries()).contains(country.toUpperCase(java.util.Locale.ROOT)),
          "must be an ISO 3166-1 alpha-2 country code, e.g. ES");
    }
    if (address != null) {
      v.require("address", address.length() <= 1000, "must be at most 1000 characters");
    }
    if (taxId != null) {
      v.require("taxId", taxId.length() <= 60, "must be at most 60 characters");
    }
    v.throwIfInvalid();
    return store.tx(em -> {
      AccountEntity a = ensure(em, tenantId);
      a = em.find(AccountEntity.class, a.tenantId, LockModeType.PESSIMISTIC_WRITE);
      if (name != null) {
        a.billingName = name.strip();
      }
      if (email != null) {
        a.email = email.strip();
      }
      if (country != null) {
        a.country = country.toUpperCase(java.util.Locale.ROOT);
      }
      if (address != null) {
        a.address = address.strip();
      }
      if (taxId != null) {
        a.taxId = taxId.strip();
      }
      a.updatedAt = store.utcNow();
      return a;
    });
  }

  /** The account as the API shows it. */
  public com.fasterxml.jackson.databind.node.ObjectNode json(UUID tenantId) {
    return store.tx(em -> {
      AccountEntity a = ensure(em, tenantId);
      com.fasterxml.jackson.databind.node.ObjectNode o = Plans.JSON.createObjectNode();
      o.put("tenantId", a.tenantId);
      o.put("billingName", a.billingName);
      o.put("email", a.email);
      o.put("country", a.country);
      o.put("address", a.address);
      o.put("taxId", a.taxId);
      o.put("taxExempt", a.taxExempt != 0);
      o.put("currency", a.currency);
      o.put("provider", a.provider);
      o.set("paymentMethod", Views.readJson(a.paymentMethod));
      o.put("creditBalance", com.ngx.billing.internal.calc.Money.toDecimal(a.creditBalanceMinor, a.currency));
      o.put("partnerId", a.partnerId);
      o.put("partnerSince", a.partnerSince == null ? null : a.partnerSince.toString());
      return o;
    });
  }

  /** The tenant's billing notices, newest first. */
  public java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> notices(UUID tenantId, int limit) {
    return store.tx(em -> em.createQuery(
            "select n from NoticeEntity n where n.tenantId = :t order by n.createdAt desc, n.id", NoticeEntity.class)
        .setParameter("t", tenantId.toString()).setMaxResults(limit).getResultList().stream().map(n -> {
          com.fasterxml.jackson.databind.node.ObjectNode o = Plans.JSON.createObjectNode();
          o.put("id", n.id);
          o.put("kind", n.kind);
          o.put("key", n.dedupKey);
          o.put("message", n.message);
          o.put("createdAt", BillingStore.instant(n.createdAt).toString());
          return o;
        }).toList());
  }

  static String text(JsonNode body, String field) {
    JsonNode n = body == null ? null : body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  static LocalDate monthStart(LocalDate d) {
    return d.withDayOfMonth(1);
  }

  static LocalDate nextMonthStart(LocalDate d) {
    return d.withDayOfMonth(1).plusMonths(1);
  }

  static LocalDateTime atStart(LocalDate d) {
    return d.atStartOfDay();
  }
}
