package com.ngx.billing.internal;

import com.ngx.api.event.EventTypes;
import com.ngx.billing.Charge;
import com.ngx.billing.ChargeSource;
import com.ngx.billing.Limit;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.calc.Money;
import com.ngx.billing.internal.calc.Proration;
import com.ngx.billing.internal.calc.RevenueShare;
import com.ngx.rest.ApiException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions over time. Billing periods are calendar months (UTC): the plan's price is invoiced
 * in advance for the month, and what the month used — conversations over the limit, the
 * revenue share, add-on charges — in arrears on the next month's invoice. A trial's end and a
 * change of plan in the middle of a month are prorated by days.
 */
@Component(service = Subscriptions.class)
public final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

  private final BillingStore store;
  private final Accounts accounts;
  private final Plans plans;
  private final Invoicing invoicing;
  private final Notifier notifier;
  private final List<ChargeSource> sources = new CopyOnWriteArrayList<>();

  @Activate
  public Subscriptions(
      @Reference BillingStore store,
      @Reference Accounts accounts,
      @Reference Plans plans,
      @Reference Invoicing invoicing,
      @Reference Notifier notifier) {
    this.store = store;
    this.accounts = accounts;
    this.plans = plans;
    this.invoicing = invoicing;
    this.notifier = notifier;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addSource(ChargeSource s) {
    sources.add(s);
  }

  void removeSource(ChargeSource s) {
    sources.remove(s);
  }

  List<ChargeSource> sources() {
    return sources;
  }

  public SubscriptionView view(UUID tenantId) {
    return store.tx(em -> view(em, tenantId));
  }

  SubscriptionView view(EntityManager em, UUID tenantId) {
    AccountEntity a = accounts.ensure(em, tenantId);
    SubscriptionEntity s = em.find(SubscriptionEntity.class, a.tenantId);
    Plan p = plans.version(em, s.planId, s.planVersion);
    return new SubscriptionView(tenantId, s.planId, s.planVersion, p.name(), s.status, BillingStore.instant(s.trialEnd),
        s.periodStart, s.periodEnd, s.nextPlanId, s.cancelAtPeriodEnd != 0, s.priceOverrideMinor,
        BillingStore.instant(s.startedAt), BillingStore.instant(s.suspendedAt), BillingStore.instant(s.cancelledAt),
        a.currency, a.creditBalanceMinor, a.provider, a.paymentMethod);
  }

  /** The plan (version) a subscription is on. */
  Plan plan(EntityManager em, SubscriptionEntity s) {
    return plans.version(em, s.planId, s.planVersion);
  }

  /** The monthly price the subscription pays: the operator's override, else the plan's (0 when custom and unset). */
  static long price(Plan p, SubscriptionEntity s) {
    if (s.priceOverrideMinor != null) {
      return s.priceOverrideMinor;
    }
    return p.priceMinor() == null ? 0 : p.priceMinor();
  }

  /**
   * Changes the plan. {@code now}: the rest of the current month is prorated by days (the unused
   * part of the old price credited, the new price's remainder charged) on an invoice of its own;
   * {@code period_end}: the new plan starts with the next month. During a trial the plan changes at
   * once and the trial goes on.
   */
  public SubscriptionView change(UUID tenantId, String planId, String when) {
    if (when == null) {
      when = "now";
    }
    requireWhen(when);
    String w = when;
    Plan target = plans.current(planId).filter(p -> !p.archived())
        .orElseThrow(() -> ApiException.invalid("planId", "is not an available plan: " + planId));
    String[] toCollect = {null};
    SubscriptionView v = store.tx(em -> {
      SubscriptionEntity s = accounts.lockSubscription(em, tenantId);
      AccountEntity a = em.find(AccountEntity.class, s.tenantId);
      if (!target.currency().equals(a.currency) && !Status.CANCELLED.equals(s.status)) {
        throw ApiException.invalid("planId", "is priced in " + target.currency() + "; the account pays in " + a.currency);
      }
      if (Status.SUSPENDED.equals(s.status)) {
        throw ApiException.conflict("The subscription is suspended: pay the open invoice first");
      }
      LocalDateTime now = store.utcNow();
      LocalDate today = now.toLocalDate();
      Plan current = plan(em, s);
      if (Status.CANCELLED.equals(s.status)) {
        // a new start: the month's remainder is invoiced by the next run
        a.currency = target.currency();
        s.planId = target.id();
        s.planVersion = target.version();
        s.status = Status.TRIALING;
        s.trialEnd = now;
        s.periodStart = today;
        s.periodEnd = today;
        s.cancelledAt = null;
        s.cancelAtPeriodEnd = 0;
        s.nextPlanId = null;
        s.nextPlanVersion = null;
      } else if (Status.TRIALING.equals(s.status)) {
        s.planId = target.id();
        s.planVersion = target.version();
        s.nextPlanId = null;
        s.nextPlanVersion = null;
        if (target.free()) {
          // nothing to try out: a free plan starts at once
          s.status = Status.ACTIVE;
          s.trialEnd = now;
          s.periodStart = today;
          s.periodEnd = Accounts.nextMonthStart(today);
        }
      } else if ("period_end".equals(w)) {
        s.nextPlanId = target.id();
        s.nextPlanVersion = target.version();
      } else {
        if (target.id().equals(s.planId) && target.version() == s.planVersion) {
          throw ApiException.conflict("The subscription is on " + target.id() + " already");
        }
        long oldPrice = price(current, s);
        long newPrice = target.priceMinor() == null ? 0 : target.priceMinor();
        // by the days of the calendar month, also when the period began mid-month (after a trial):
        // the first month was charged price × its days / month days, so that is what is credited
        Proration.Change c = Proration.change(oldPrice, newPrice, Accounts.monthStart(s.periodStart), s.periodEnd,
            today);
        List<LineDraft> lines = new ArrayList<>();
        if (c.creditMinor() > 0) {
          lines.add(LineDraft.of("proration_credit", "Unused time on " + current.name() + " (" + c.remainingDays()
              + " of " + c.periodDays() + " days)", -c.creditMinor(), today, s.periodEnd));
        }
        if (c.chargeMinor() > 0) {
          lines.add(LineDraft.of("proration_charge", "Remaining time on " + target.name() + " (" + c.remainingDays()
              + " of " + c.periodDays() + " days)", c.chargeMinor(), today, s.periodEnd));
        }
        s.planId = target.id();
        s.planVersion = target.version();
        s.priceOverrideMinor = null;
        s.nextPlanId = null;
        s.nextPlanVersion = null;
        if (!lines.isEmpty()) {
          InvoiceEntity i = invoicing.create(em, a, "plan_change", YearMonth.from(today).toString(), lines,
              "plan_change:" + s.tenantId + ":" + s.rowVersion, true);
          if (Status.OPEN.equals(i.status)) {
            toCollect[0] = i.id;
          }
        }
      }
      s.cancelAtPeriodEnd = 0;
      s.updatedAt = now;
      s.rowVersion++;
      notifier.event(EventTypes.SUBSCRIPTION_CHANGED, tenantId, Map.of("plan", s.planId, "status", s.status));
      return null;
    });
    return collectAndView(tenantId, toCollect[0]);
  }

  private static void requireWhen(String when) {
    if (!"now".equals(when) && !"period_end".equals(when)) {
      throw ApiException.invalid("when", "must be now or period_end");
    }
  }

  /** Collects the invoice a change opened (after its commit), then shows the subscription. */
  private SubscriptionView collectAndView(UUID tenantId, String invoiceId) {
    if (invoiceId != null) {
      collector.accept(UUID.fromString(invoiceId));
    }
    return view(tenantId);
  }

  /** Collects invoices as soon as they open (set by the billing runs, which own the payments). */
  private volatile java.util.function.Consumer<UUID> collector = id -> {};

  void collectWith(java.util.function.Consumer<UUID> c) {
    collector = c;
  }

  /** Cancels: at the end of the month (agents serve until then), or now. Nothing is refunded. */
  public SubscriptionView cancel(UUID tenantId, String when) {
    if (when == null) {
      when = "period_end";
    }
    requireWhen(when);
    String w = when;
    String[] toCollect = {null};
    store.tx(em -> {
      SubscriptionEntity s = accounts.lockSubscription(em, tenantId);
      if (Status.CANCELLED.equals(s.status)) {
        throw ApiException.conflict("The subscription is cancelled already");
      }
      if ("now".equals(w) || Status.TRIALING.equals(s.status)) {
        if (!Status.TRIALING.equals(s.status)) {
          // what this month used so far is billed now: a cancelled subscription is never renewed
          AccountEntity a = em.find(AccountEntity.class, s.tenantId);
          LocalDate today = store.utcNow().toLocalDate();
          List<LineDraft> lines = arrears(em, s, a, plan(em, s), YearMonth.from(s.periodStart), s.periodStart,
              today.plusDays(1));
          if (!lines.isEmpty()) {
            InvoiceEntity i = invoicing.create(em, a, "final", YearMonth.from(today).toString(), lines,
                "final:" + s.tenantId + ":" + s.rowVersion, true);
            if (Status.OPEN.equals(i.status)) {
              toCollect[0] = i.id;
            }
          }
        }
        s.status = Status.CANCELLED;
        s.cancelledAt = store.utcNow();
      } else {
        s.cancelAtPeriodEnd = 1;
      }
      s.updatedAt = store.utcNow();
      s.rowVersion++;
      notifier.event(EventTypes.SUBSCRIPTION_CHANGED, tenantId, Map.of("plan", s.planId, "status", s.status));
      return null;
    });
    return collectAndView(tenantId, toCollect[0]);
  }

  /** An operator's override: a custom price (enterprise), custom limits, or a plan without proration. */
  public SubscriptionView override(UUID tenantId, String planId, Long priceOverrideMinor, String limitsOverride,
      boolean clearPrice) {
    store.tx(em -> {
      SubscriptionEntity s = accounts.lockSubscription(em, tenantId);
      if (planId != null) {
        Plan p = plans.current(em, planId).orElseThrow(() -> ApiException.invalid("planId", "is not a plan: " + planId));
        s.planId = p.id();
        s.planVersion = p.version();
      }
      if (clearPrice) {
        s.priceOverrideMinor = null;
      } else if (priceOverrideMinor != null) {
        s.priceOverrideMinor = priceOverrideMinor;
      }
      if (limitsOverride != null) {
        s.limitsOverride = limitsOverride.isBlank() ? null : limitsOverride;
      }
      s.updatedAt = store.utcNow();
      s.rowVersion++;
      return null;
    });
    return view(tenantId);
  }

  // ---- the passage of time ----

  /**
   * Brings one subscription up to the clock: ends its trial, renews every month that ended, applies
   * changes and cancellations due at a month's end. Returns the invoices opened (to be collected).
   */
  List<String> advance(UUID tenantId) {
    List<String> opened = new ArrayList<>();
    for (int guard = 0; guard < 36; guard++) {
      Step step = store.tx(em -> step(em, tenantId));
      if (step == null) {
        break;
      }
      if (!step.invoiceId().isEmpty()) {
        opened.add(step.invoiceId());
      }
      if (!step.moreDue()) {
        break;
      }
    }
    return opened;
  }

  /**
   * What one step did: the invoice it opened ("" for none) and whether the subscription is still
   * due (a month missed in a longer pause), so a run needs no transaction just to learn it is not.
   */
  private record Step(String invoiceId, boolean moreDue) {}

  /** One step; null when nothing was due. */
  private Step step(EntityManager em, UUID tenantId) {
    SubscriptionEntity s = accounts.lockSubscription(em, tenantId);
    LocalDateTime now = store.utcNow();
    if (!due(s, now)) {
      return null;
    }
    AccountEntity a = em.find(AccountEntity.class, s.tenantId);
    String invoice = Status.TRIALING.equals(s.status) ? startPaying(em, s, a, s.trialEnd.toLocalDate())
        : renew(em, s, a);
    return new Step(invoice, due(s, now));
  }

  /** Whether the subscription has a trial end or a month end to process at {@code now}. */
  private static boolean due(SubscriptionEntity s, LocalDateTime now) {
    if (Status.TRIALING.equals(s.status)) {
      return s.trialEnd != null && !s.trialEnd.isAfter(now);
    }
    return !Status.CANCELLED.equals(s.status) && !s.periodEnd.isAfter(now.toLocalDate());
  }

  /** The first paid month after a trial (or a fresh start): its remainder, prorated by days. */
  private String startPaying(EntityManager em, SubscriptionEntity s, AccountEntity a, LocalDate from) {
    Plan p = plan(em, s);
    LocalDate monthStart = Accounts.monthStart(from);
    LocalDate monthEnd = Accounts.nextMonthStart(from);
    s.status = Status.ACTIVE;
    s.periodStart = from;
    s.periodEnd = monthEnd;
    s.updatedAt = store.utcNow();
    s.rowVersion++;
    notifier.event(EventTypes.SUBSCRIPTION_CHANGED, UUID.fromString(s.tenantId), Map.of("plan", s.planId, "status", s.status));
    long price = price(p, s);
    if (price == 0) {
      return "";
    }
    long amount = Proration.partial(price, from, monthStart, monthEnd);
    long days = java.time.temporal.ChronoUnit.DAYS.between(from, monthEnd);
    long monthDays = java.time.temporal.ChronoUnit.DAYS.between(monthStart, monthEnd);
    String text = p.name() + " plan, " + from + " to " + monthEnd.minusDays(1)
        + (days == monthDays ? "" : " (" + days + " of " + monthDays + " days)");
    InvoiceEntity i = invoicing.create(em, a, "subscription", YearMonth.from(from).toString(),
        List.of(LineDraft.of("plan", text, amount, from, monthEnd)), "start:" + s.tenantId + ":" + from + ":" + s.rowVersion,
        true);
    return Status.OPEN.equals(i.status) ? i.id : "";
  }

  /**
   * Closes the month that ended and opens the next: the next month's price in advance, the closed
   * month's overage, revenue share and add-on charges in arrears, all on one invoice. A suspended
   * subscription is not charged the price of a month that begins while it is suspended (its agents
   * do not serve); on reactivation it serves again at once, and the next month is billed normally.
   */
  private String renew(EntityManager em, SubscriptionEntity s, AccountEntity a) {
    Plan closedPlan = plan(em, s);
    LocalDate closedStart = s.periodStart;
    LocalDate start = s.periodEnd;
    LocalDate end = Accounts.nextMonthStart(start);
    YearMonth closed = YearMonth.from(closedStart);
    List<LineDraft> lines = new ArrayList<>();
    // arrears of the closed month
    lines.addAll(arrears(em, s, a, closedPlan, closed, closedStart, start));
    // then the new month
    boolean suspended = Status.SUSPENDED.equals(s.status);
    if (s.cancelAtPeriodEnd != 0) {
      s.status = Status.CANCELLED;
      s.cancelledAt = Accounts.atStart(start);
      s.cancelAtPeriodEnd = 0;
    } else {
      if (s.nextPlanId != null) {
        s.planId = s.nextPlanId;
        s.planVersion = s.nextPlanVersion;
        s.nextPlanId = null;
        s.nextPlanVersion = null;
        s.priceOverrideMinor = null;
      }
      Plan p = plan(em, s);
      long price = price(p, s);
      if (price > 0 && !suspended) {
        lines.add(0, LineDraft.of("plan", p.name() + " plan, " + start + " to " + end.minusDays(1), price, start, end));
      }
    }
    s.periodStart = start;
    s.periodEnd = end;
    s.updatedAt = store.utcNow();
    s.rowVersion++;
    if (lines.isEmpty()) {
      return "";
    }
    InvoiceEntity i = invoicing.create(em, a, "renewal", YearMonth.from(start).toString(), lines,
        "renewal:" + s.tenantId + ":" + start, true);
    return Status.OPEN.equals(i.status) ? i.id : "";
  }

  /** What the closed month used: overage, revenue share and add-on charges not invoiced yet. */
  List<LineDraft> arrears(EntityManager em, SubscriptionEntity s, AccountEntity a, Plan plan, YearMonth month,
      LocalDate from, LocalDate to) {
    List<LineDraft> lines = new ArrayList<>();
    Map<String, Long> usage = MeteringService.totals(em, s.tenantId, month.toString());
    Long limit = EntitlementsService.limit(plan, s, Limit.CONVERSATIONS_PER_MONTH);
    long conversations = usage.getOrDefault(UsageEvent.CONVERSATION, 0L);
    if (limit != null && plan.overagePriceMinor() != null && conversations > limit) {
      long over = conversations - limit;
      lines.add(new LineDraft("overage", "Conversations over the " + limit + " included in " + month + " ("
          + over + " × " + Money.format(plan.overagePriceMinor(), plan.currency()) + ")", over,
          plan.overagePriceMinor(), Math.multiplyExact(over, plan.overagePriceMinor()), from, to, null, null));
    }
    if (plan.revenueShareBp() != null) {
      // the revenue of the paid days only (not of a trial), and the minimum for those days
      long revenue = ((Number) em.createNativeQuery(
              "select coalesce(sum(quantity), 0) from bill_usage where tenant_id = ? and kind = ?"
                  + " and occurred_at >= ? and occurred_at < ?")
          .setParameter(1, s.tenantId).setParameter(2, UsageEvent.REVENUE_PREFIX + a.currency)
          .setParameter(3, from.atStartOfDay()).setParameter(4, to.atStartOfDay()).getSingleResult()).longValue();
      long days = java.time.temporal.ChronoUnit.DAYS.between(from, to);
      long monthDays = month.lengthOfMonth();
      long minimum = days >= monthDays ? plan.minimumMinor()
          : com.ngx.billing.internal.calc.Shares.share(plan.minimumMinor(), days, monthDays);
      RevenueShare.Result r = RevenueShare.compute(revenue, plan.revenueShareBp(), minimum);
      String pct = java.math.BigDecimal.valueOf(plan.revenueShareBp(), 2).stripTrailingZeros().toPlainString();
      lines.add(new LineDraft("revenue_share", pct + "% of " + Money.format(r.attributedMinor(), a.currency)
          + " revenue attributed to your agents in " + month
          + (r.minimumApplied() ? " (monthly minimum " + Money.format(r.minimumMinor(), a.currency) + ")" : ""),
          1, r.chargeMinor(), r.chargeMinor(), from, to, null, null));
    }
    for (ChargeSource source : sources) {
      List<Charge> charges;
      try {
        charges = source.charges(UUID.fromString(s.tenantId), month);
      } catch (RuntimeException e) {
        LOG.warn("Charge source {} failed for tenant {}; its charges wait for the next invoice", source.source(),
            s.tenantId, e);
        continue;
      }
      for (Charge c : charges) {
        if (!c.currency().equals(a.currency)) {
          LOG.warn("Charge {} of {} is in {}, the account pays in {}: left out", c.ref(), source.source(),
              c.currency(), a.currency);
          continue;
        }
        boolean invoiced = !em.createNativeQuery(
                "select id from bill_invoice_line where source = ? and source_ref = ?")
            .setParameter(1, source.source()).setParameter(2, c.ref()).getResultList().isEmpty();
        if (!invoiced) {
          lines.add(new LineDraft("addon", c.description(), c.quantity(), c.unitAmountMinor(), c.amountMinor(),
              from, to, source.source(), c.ref()));
        }
      }
    }
    return lines;
  }
}
