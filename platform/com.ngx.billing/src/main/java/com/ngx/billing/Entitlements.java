package com.ngx.billing;

import com.ngx.api.tenant.TenantContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a tenant's plan and subscription allow. Asked where the work happens: the agent engine
 * before a conversation starts, the agent and knowledge services before they grow.
 */
@ProviderType
public interface Entitlements {
  /**
   * Whether a new conversation may start: not when the subscription is suspended or cancelled,
   * nor when the month's conversations reached a plan limit that has no overage price.
   */
  Admission admitConversation(TenantContext tenant);

  /**
   * Whether the tenant may have {@code wanted} of {@code limit} (e.g. 4 active agents). A tenant
   * that is suspended may still shrink, never grow.
   */
  Admission admit(TenantContext tenant, Limit limit, long wanted);

  /** Whether the tenant's chat widget must show the platform's branding (freemium). */
  boolean platformBrandingRequired(TenantContext tenant);
}
