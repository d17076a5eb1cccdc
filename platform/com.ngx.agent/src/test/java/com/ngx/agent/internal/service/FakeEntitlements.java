package com.ngx.agent.internal.service;

import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Admission;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Billing's entitlements for tests: everything is allowed (an unlimited paid plan) until a test sets
 * a limit or a conversation admission; remembers what was asked ({@code activeAgents=2}).
 */
final class FakeEntitlements implements Entitlements {
  /** The answer to every conversation admission. */
  volatile Admission conversation = Admission.allow(null, 0);
  /** Whether widgets must show the platform's branding. */
  volatile boolean platformBranding;
  /** Limits of the plan; a limit not here is unlimited. */
  final Map<Limit, Long> limits = new ConcurrentHashMap<>();
  /** What was asked, in order: {@code conversation} or {@code <limit key>=<wanted>}. */
  final List<String> asked = new CopyOnWriteArrayList<>();

  @Override
  public Admission admitConversation(TenantContext tenant) {
    asked.add("conversation");
    return conversation;
  }

  @Override
  public Admission admit(TenantContext tenant, Limit limit, long wanted) {
    asked.add(limit.key() + "=" + wanted);
    Long max = limits.get(limit);
    if (max == null || wanted <= max) {
      return Admission.allow(max, wanted - 1);
    }
    return Admission.refuse(Admission.QUOTA_EXCEEDED, "Your plan allows " + max + " (" + limit.key() + ").", max, wanted - 1);
  }

  @Override
  public boolean platformBrandingRequired(TenantContext tenant) {
    return platformBranding;
  }

  /** The last thing asked. */
  String lastAsked() {
    return asked.get(asked.size() - 1);
  }
}
