package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Admission;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import com.ngx.billing.UsageEvent;
import java.io.IOException;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Plan limits and the subscription's state, asked where the work happens. */
@Component(service = Entitlements.class)
public final class EntitlementsService implements Entitlements {
  private final BillingStore store;
  private final Accounts accounts;
  private final Plans plans;

  @Activate
  public EntitlementsService(@Reference BillingStore store, @Reference Accounts accounts, @Reference Plans plans) {
    this.store = store;
    this.accounts = accounts;
    this.plans = plans;
  }

  /** The limit that applies: the operator's override for the tenant, else the plan's (null: unlimited). */
  static Long limit(Plan plan, SubscriptionEntity s, Limit limit) {
    if (s.limitsOverride != null) {
      try {
        JsonNode o = Plans.JSON.readTree(s.limitsOverride).path(limit.key());
        if (o.isNull()) {
          return null;
        }
        if (o.canConvertToLong()) {
          return o.asLong();
        }
      } catch (IOException e) {
        // an unreadable override is ignored: the plan's limit applies
      }
    }
    return plan.limit(limit);
  }

  @Override
  public Admission admitConversation(TenantContext tenant) {
    return store.tx(em -> {
      SubscriptionEntity s = subscription(em, tenant);
      Admission state = state(s);
      if (state != null) {
        return state;
      }
      Plan plan = plans.version(em, s.planId, s.planVersion);
      Long limit = limit(plan, s, Limit.CONVERSATIONS_PER_MONTH);
      String period = BillingStore.period(store.now());
      long used = MeteringService.totals(em, s.tenantId, period).getOrDefault(UsageEvent.CONVERSATION, 0L);
      if (limit != null && used >= limit && plan.overagePriceMinor() == null) {
        return Admission.refuse(Admission.QUOTA_EXCEEDED, "This month's " + limit + " conversations are used up."
            + " New conversations can start again next month, or at once on a larger plan.", limit, used);
      }
      return Admission.allow(limit, used);
    });
  }

  @Override
  public Admission admit(TenantContext tenant, Limit limit, long wanted) {
    return store.tx(em -> {
      SubscriptionEntity s = subscription(em, tenant);
      Plan plan = plans.version(em, s.planId, s.planVersion);
      Long max = limit(plan, s, limit);
      Admission state = state(s);
      if (state != null) {
        return new Admission(false, state.code(), state.message(), max, wanted);
      }
      if (max != null && wanted > max) {
        return Admission.refuse(Admission.QUOTA_EXCEEDED, "The " + plan.name() + " plan's limit of " + describe(limit)
            + " is " + max + "; this would make " + wanted + ". Upgrade the plan to go further.", max, wanted - 1);
      }
      return Admission.allow(max, Math.max(0, wanted - 1));
    });
  }

  @Override
  public boolean platformBrandingRequired(TenantContext tenant) {
    return store.tx(em -> {
      SubscriptionEntity s = subscription(em, tenant);
      return plans.version(em, s.planId, s.planVersion).platformBranding();
    });
  }

  private SubscriptionEntity subscription(EntityManager em, TenantContext tenant) {
    SubscriptionEntity s = em.find(SubscriptionEntity.class, tenant.id().toString());
    if (s == null) {
      accounts.ensure(em, tenant.id());
      s = em.find(SubscriptionEntity.class, tenant.id().toString());
    }
    return s;
  }

  /** A refusal for a subscription that does not serve, or null. */
  private static Admission state(SubscriptionEntity s) {
    if (Status.SUSPENDED.equals(s.status)) {
      return Admission.refuse(Admission.SUSPENDED, "This service is paused while a payment is outstanding.", null, 0);
    }
    if (Status.CANCELLED.equals(s.status)) {
      return Admission.refuse(Admission.CANCELLED, "This service is not available: the subscription ended.", null, 0);
    }
    return null;
  }

  private static String describe(Limit l) {
    return switch (l) {
      case CONVERSATIONS_PER_MONTH -> "conversations per month";
      case ACTIVE_AGENTS -> "active agents";
      case BRANDS -> "brands";
      case KNOWLEDGE_CHARACTERS -> "characters of knowledge";
    };
  }
}
