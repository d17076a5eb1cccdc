package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.Limit;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.calc.Money;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A tenant's usage report for a month: what was counted, against which limits, and the records behind it. */
@Component(service = Usage.class)
public final class Usage {
  private final BillingStore store;
  private final Accounts accounts;
  private final Plans plans;
  private final MeteringService metering;

  @Activate
  public Usage(@Reference BillingStore store, @Reference Accounts accounts, @Reference Plans plans,
      @Reference MeteringService metering) {
    this.store = store;
    this.accounts = accounts;
    this.plans = plans;
    this.metering = metering;
  }

  public ObjectNode report(UUID tenantId, String period, int offset, int limit) {
    Page.checkBounds(offset, limit);
    YearMonth month;
    try {
      month = period == null || period.isBlank() ? YearMonth.from(store.now().atZone(java.time.ZoneOffset.UTC))
          : YearMonth.parse(period.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("query.period", "must be a month as YYYY-MM, e.g. 2026-11");
    }
    Map<String, Long> totals = metering.totals(tenantId, month.toString());
    ObjectNode o = Plans.JSON.createObjectNode();
    o.put("period", month.toString());
    store.tx(em -> {
      AccountEntity a = accounts.ensure(em, tenantId);
      SubscriptionEntity s = em.find(SubscriptionEntity.class, a.tenantId);
      Plan plan = plans.version(em, s.planId, s.planVersion);
      Long max = EntitlementsService.limit(plan, s, Limit.CONVERSATIONS_PER_MONTH);
      long used = totals.getOrDefault(UsageEvent.CONVERSATION, 0L);
      ObjectNode c = o.putObject("conversations");
      c.put("counted", used);
      if (max == null) {
        c.putNull("limit");
      } else {
        c.put("limit", max);
        c.put("percent", max == 0 ? 100 : Math.min(999, used * 100 / max));
        c.put("over", Math.max(0, used - max));
      }
      c.put("overagePrice", plan.overagePriceMinor() == null ? null
          : Money.toDecimal(plan.overagePriceMinor(), plan.currency()).toPlainString());
      c.put("plan", plan.id());
      o.put("conversationsCounted", used);
      return null;
    });
    ObjectNode addons = o.putObject("addons");
    ObjectNode revenue = o.putObject("revenue");
    totals.forEach((kind, q) -> {
      if (kind.startsWith(UsageEvent.ADDON_PREFIX)) {
        addons.put(kind.substring(UsageEvent.ADDON_PREFIX.length()), q);
      } else if (kind.startsWith(UsageEvent.REVENUE_PREFIX)) {
        String cur = kind.substring(UsageEvent.REVENUE_PREFIX.length());
        try {
          revenue.put(cur, Money.toDecimal(q, cur));
        } catch (IllegalArgumentException e) {
          revenue.put(cur, q);
        }
      }
    });
    ArrayNode records = o.putArray("records");
    for (Object[] r : metering.records(tenantId, month.toString(), offset, limit)) {
      ObjectNode x = records.addObject();
      x.put("id", (String) r[0]);
      x.put("kind", (String) r[1]);
      x.put("quantity", ((Number) r[2]).longValue());
      x.put("occurredAt", r[3] == null ? null : r[3].toString());
    }
    o.put("offset", offset);
    o.put("limit", limit);
    return o;
  }
}
