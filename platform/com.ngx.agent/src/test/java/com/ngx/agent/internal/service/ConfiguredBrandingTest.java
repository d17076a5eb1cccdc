package com.ngx.agent.internal.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.tenant.TenantContext;
import java.lang.annotation.Annotation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfiguredBrandingTest {
  @Test
  void onlyTenantsOnAPaidPlanHideThePlatformsBranding() {
    ConfiguredBranding b = new ConfiguredBranding();
    b.configure(config("acme"));
    assertFalse(b.platformBrandingRequired(new TenantContext(UUID.randomUUID(), "acme")));
    assertTrue(b.platformBrandingRequired(new TenantContext(UUID.randomUUID(), "freebie")));
    b.configure(config());
    assertTrue(b.platformBrandingRequired(new TenantContext(UUID.randomUUID(), "acme")), "a plan change applies at once");
  }

  private static ConfiguredBranding.Config config(String... paid) {
    return new ConfiguredBranding.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return ConfiguredBranding.Config.class;
      }

      @Override
      public String[] paidTenants() {
        return paid;
      }
    };
  }
}
