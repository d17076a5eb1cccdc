package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.calc.Money;
import java.io.IOException;

/** JSON shapes shared by the REST resources and the shell. */
public final class Views {
  private Views() {}

  public static ObjectNode subscription(SubscriptionView v) {
    ObjectNode o = Plans.JSON.createObjectNode();
    o.put("tenantId", v.tenantId().toString());
    o.put("plan", v.plan());
    o.put("planVersion", v.planVersion());
    o.put("planName", v.planName());
    o.put("status", v.status());
    o.put("trialEnd", v.trialEnd() == null ? null : v.trialEnd().toString());
    o.put("currentPeriodStart", v.currentPeriodStart().toString());
    o.put("currentPeriodEnd", v.currentPeriodEnd().toString());
    o.put("nextPlan", v.nextPlan());
    o.put("cancelAtPeriodEnd", v.cancelAtPeriodEnd());
    if (v.priceOverrideMinor() == null) {
      o.putNull("priceOverride");
    } else {
      o.put("priceOverride", Money.toDecimal(v.priceOverrideMinor(), v.currency()));
    }
    o.put("currency", v.currency());
    o.put("creditBalance", Money.toDecimal(v.creditBalanceMinor(), v.currency()));
    o.put("provider", v.provider());
    o.set("paymentMethod", readJson(v.paymentMethod()));
    o.put("startedAt", v.startedAt().toString());
    o.put("suspendedAt", v.suspendedAt() == null ? null : v.suspendedAt().toString());
    o.put("cancelledAt", v.cancelledAt() == null ? null : v.cancelledAt().toString());
    return o;
  }

  static JsonNode readJson(String s) {
    if (s == null) {
      return NullNode.getInstance();
    }
    try {
      return Plans.JSON.readTree(s);
    } catch (IOException e) {
      return NullNode.getInstance();
    }
  }
}
