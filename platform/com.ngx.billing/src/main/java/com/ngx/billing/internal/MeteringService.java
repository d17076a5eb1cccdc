package com.ngx.billing.internal;

import com.ngx.api.event.EventTypes;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Limit;
import com.ngx.billing.Metering;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.mail.MailTemplates;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Usage metering, exactly once: {@code bill_usage} has one row per (tenant, event id), and the
 * per-month totals in {@code bill_usage_total} move in the same transaction as the rows they count.
 * Crossing 80% and 100% of the monthly conversation limit leaves a notice, an email and a {@code
 * quota.warning} event, once per month and threshold.
 */
@Component(service = {Metering.class, MeteringService.class})
public final class MeteringService implements Metering {
  static final int[] THRESHOLDS = {80, 100};

  private final BillingStore store;
  private final Accounts accounts;
  private final Plans plans;
  private final Notifier notifier;

  @Activate
  public MeteringService(
      @Reference BillingStore store, @Reference Accounts accounts, @Reference Plans plans, @Reference Notifier notifier) {
    this.store = store;
    this.accounts = accounts;
    this.plans = plans;
    this.notifier = notifier;
  }

  @Override
  public int record(TenantContext tenant, List<UsageEvent> events) {
    if (events.isEmpty()) {
      return 0;
    }
    try {
      return store.tx(em -> record(em, tenant.id(), events));
    } catch (PersistenceException e) {
      // a concurrent delivery of the same ids won the race on the primary key: try again, the
      // ids it recorded are then skipped
      return store.tx(em -> record(em, tenant.id(), events));
    }
  }

  private int record(EntityManager em, UUID tenantId, List<UsageEvent> events) {
    String t = tenantId.toString();
    Set<String> seen = new HashSet<>();
    for (int from = 0; from < events.size(); from += 200) {
      List<UsageEvent> chunk = events.subList(from, Math.min(events.size(), from + 200));
      // a join with the ids as a table of values, not "id in (…)": H2 would then scan all of the
      // tenant's rows (an IN list only uses the first column of the key), which grows with its history
      StringBuilder values = new StringBuilder();
      for (int k = 0; k < chunk.size(); k++) {
        values.append(k == 0 ? "(?)" : ",(?)");
      }
      javax.persistence.Query q = em.createNativeQuery("select u.id from bill_usage u join (values " + values
          + ") v(id) on u.tenant_id = ? and u.id = v.id");
      for (int k = 0; k < chunk.size(); k++) {
        q.setParameter(k + 1, chunk.get(k).id());
      }
      q.setParameter(chunk.size() + 1, t);
      for (Object id : q.getResultList()) {
        seen.add((String) id);
      }
    }
    Map<String, Long> added = new TreeMap<>();
    LocalDateTime now = store.utcNow();
    int n = 0;
    for (UsageEvent e : events) {
      if (!seen.add(e.id())) {
        continue;
      }
      String period = BillingStore.period(e.occurredAt());
      em.createNativeQuery("insert into bill_usage (tenant_id, id, kind, period, quantity, occurred_at, recorded_at)"
              + " values (?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, t).setParameter(2, e.id()).setParameter(3, e.kind()).setParameter(4, period)
          .setParameter(5, e.quantity()).setParameter(6, BillingStore.utc(e.occurredAt())).setParameter(7, now)
          .executeUpdate();
      added.merge(period + "|" + e.kind(), e.quantity(), Math::addExact);
      n++;
    }
    for (Map.Entry<String, Long> en : added.entrySet()) {
      String period = en.getKey().substring(0, 7);
      String kind = en.getKey().substring(8);
      int updated = em.createNativeQuery(
              "update bill_usage_total set quantity = quantity + ? where tenant_id = ? and period = ? and kind = ?")
          .setParameter(1, en.getValue()).setParameter(2, t).setParameter(3, period).setParameter(4, kind)
          .executeUpdate();
      if (updated == 0) {
        em.createNativeQuery("insert into bill_usage_total (tenant_id, period, kind, quantity) values (?, ?, ?, ?)")
            .setParameter(1, t).setParameter(2, period).setParameter(3, kind).setParameter(4, en.getValue())
            .executeUpdate();
      }
      if (UsageEvent.CONVERSATION.equals(kind)) {
        warn(em, tenantId, period, totals(em, t, period).getOrDefault(kind, 0L), en.getValue());
      }
    }
    return n;
  }

  /** Leaves the 80% / 100% notices the new usage crossed. */
  private void warn(EntityManager em, UUID tenantId, String period, long used, long added) {
    AccountEntity a = accounts.ensure(em, tenantId);
    SubscriptionEntity s = em.find(SubscriptionEntity.class, a.tenantId);
    Plan plan = plans.version(em, s.planId, s.planVersion);
    Long limit = EntitlementsService.limit(plan, s, Limit.CONVERSATIONS_PER_MONTH);
    if (limit == null || limit == 0) {
      return;
    }
    long before = used - added;
    for (int pct : THRESHOLDS) {
      long threshold = (limit * pct + 99) / 100;
      if (before < threshold && used >= threshold) {
        String key = "quota:" + Limit.CONVERSATIONS_PER_MONTH.key() + ":" + pct + ":" + period;
        String text = pct >= 100
            ? "You used all " + limit + " conversations of " + period
                + (plan.overagePriceMinor() == null ? "; new conversations wait for next month or a larger plan"
                    : "; further conversations are billed as overage")
            : "You used " + used + " of " + limit + " conversations (" + pct + "%) of " + period;
        if (notifier.notice(em, tenantId, "quota_warning", key, text)) {
          notifier.mail(em, tenantId, a.email, () -> MailTemplates.quotaWarning(accounts.brand(em, a), a.email, a.billingName,
              "conversations per month", used, limit, pct, period));
          notifier.event(EventTypes.QUOTA_WARNING, tenantId, Map.of("limit", Limit.CONVERSATIONS_PER_MONTH.key(),
              "used", Long.toString(used), "max", Long.toString(limit), "percent", Integer.toString(pct),
              "period", period));
        }
      }
    }
  }

  /** The tenant's usage totals of a month, by kind. */
  static Map<String, Long> totals(EntityManager em, String tenantId, String period) {
    Map<String, Long> out = new LinkedHashMap<>();
    List<?> rows = em.createNativeQuery(
            "select kind, quantity from bill_usage_total where tenant_id = ? and period = ? order by kind")
        .setParameter(1, tenantId).setParameter(2, period).getResultList();
    for (Object r : rows) {
      Object[] row = (Object[]) r;
      out.put((String) row[0], ((Number) row[1]).longValue());
    }
    return out;
  }

  public Map<String, Long> totals(UUID tenantId, String period) {
    return store.tx(em -> totals(em, tenantId.toString(), period));
  }

  /** The tenant's usage records of a month, newest first (for an explainable usage report). */
  public List<Object[]> records(UUID tenantId, String period, int offset, int limit) {
    return store.tx(em -> {
      List<Object[]> out = new ArrayList<>();
      for (Object r : em.createNativeQuery(
              "select id, kind, quantity, occurred_at from bill_usage where tenant_id = ? and period = ?"
                  + " order by occurred_at desc, id")
          .setParameter(1, tenantId.toString()).setParameter(2, period)
          .setFirstResult(offset).setMaxResults(limit).getResultList()) {
        out.add((Object[]) r);
      }
      return out;
    });
  }
}
