package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ngx.api.health.HealthCheck;
import org.junit.jupiter.api.Test;

class PricingHealthCheckTest {

  @Test
  void theDefaultsParse() {
    PricingHealthCheck check = new PricingHealthCheck();
    assertEquals("pricing-calculator", check.name());
    assertEquals(
        HealthCheck.Result.up("default settings parse: USD, 3 volume tiers"), check.check());
  }
}
