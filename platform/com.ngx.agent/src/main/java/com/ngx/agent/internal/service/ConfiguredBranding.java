package com.ngx.agent.internal.service;

import com.ngx.agent.Branding;
import com.ngx.api.tenant.TenantContext;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The default {@link Branding} until billing knows tenants' plans: the operator lists the tenants
 * (by slug) that are on a paid plan; every other tenant's widget shows the platform's branding.
 * Ranked low, so billing's implementation wins as soon as it is there.
 */
@Component(service = Branding.class, configurationPid = "com.ngx.agent.branding", property = "service.ranking:Integer=-100")
@Designate(ocd = ConfiguredBranding.Config.class)
public final class ConfiguredBranding implements Branding {

  /** Configuration (PID {@code com.ngx.agent.branding}). */
  @ObjectClassDefinition(name = "NGX widget branding", description = "Which tenants' widgets hide the platform's branding")
  public @interface Config {
    @AttributeDefinition(description = "Slugs of the tenants on a paid plan (no platform branding in their widgets)")
    String[] paidTenants() default {};
  }

  private volatile Set<String> paid = Set.of();

  @Activate
  @Modified
  void configure(Config config) {
    paid = Set.of(config.paidTenants());
  }

  @Override
  public boolean platformBrandingRequired(TenantContext tenant) {
    return !paid.contains(tenant.slug());
  }
}
