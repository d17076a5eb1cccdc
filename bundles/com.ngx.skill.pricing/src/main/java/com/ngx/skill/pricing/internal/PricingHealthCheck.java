package com.ngx.skill.pricing.internal;

import com.ngx.api.health.HealthCheck;
import org.osgi.service.component.annotations.Component;

/**
 * Checks that the plugin's default price list parses and prices; the platform runs it when it
 * trial-installs or upgrades the plugin.
 */
@Component(service = HealthCheck.class)
public final class PricingHealthCheck implements HealthCheck {
  static final String NAME = "pricing-calculator";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result check() {
    try {
      PriceList defaults = PriceList.defaults();
      // the smallest and largest quotes exercise every tier and the rounding
      defaults.quote(1);
      defaults.quote(PriceList.MAX_SEATS);
      return Result.up(
          "default settings parse: "
              + defaults.currency().getCurrencyCode()
              + ", "
              + defaults.tiers().size()
              + " volume tiers");
    } catch (RuntimeException e) {
      return Result.down("default settings do not parse: " + e.getMessage());
    }
  }
}
