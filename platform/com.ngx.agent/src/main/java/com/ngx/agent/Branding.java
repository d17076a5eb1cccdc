package com.ngx.agent;

import com.ngx.api.tenant.TenantContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whether a tenant's chat widget must show the platform's branding ("Powered by …"). Billing
 * provides it from the tenant's plan (freemium shows it, paid plans do not); without one, the
 * agent module's default reads the operator's list of white-label tenants.
 */
@ConsumerType
public interface Branding {
  /** True when the widget must carry the platform's branding. */
  boolean platformBrandingRequired(TenantContext tenant);
}
