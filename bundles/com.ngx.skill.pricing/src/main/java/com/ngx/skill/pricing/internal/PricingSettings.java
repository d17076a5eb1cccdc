package com.ngx.skill.pricing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A tenant's price list for the pricing calculator, which the platform renders and validates. */
@ObjectClassDefinition(
    id = "pricing-calculator",
    name = "Pricing calculator",
    description =
        "Per-seat monthly pricing with volume discounts and a discount for annual billing, used"
            + " by the quote skill and the quote endpoints")
public @interface PricingSettings {
  /** The default price per seat and month, in minor units: 49.00. */
  long DEFAULT_UNIT_PRICE_MINOR = 4900;
  /** The default currency. */
  String DEFAULT_CURRENCY = "USD";
  /** The default volume tiers. */
  String DEFAULT_VOLUME_DISCOUNTS = "10:5,50:10,200:15";
  /** The default discount for annual billing. */
  int DEFAULT_ANNUAL_DISCOUNT_PERCENT = 15;

  @AttributeDefinition(
      name = "Price per seat and month (minor units)",
      description =
          "In the currency's smallest unit: 4900 is 49.00 USD, 4900 JPY is 4900 yen, 4900 BHD"
              + " is 4.900 dinars",
      min = "0")
  long unitPriceMinor() default DEFAULT_UNIT_PRICE_MINOR;

  @AttributeDefinition(name = "Currency", description = "ISO 4217 code, e.g. USD, EUR, JPY")
  String currency() default DEFAULT_CURRENCY;

  @AttributeDefinition(
      name = "Volume discounts",
      description =
          "Comma-separated 'minimum seats:percent off' pairs with increasing minimums, e.g."
              + " 10:5,50:10,200:15 (from 10 seats 5% off, ...); empty for none")
  String volumeDiscounts() default DEFAULT_VOLUME_DISCOUNTS;

  @AttributeDefinition(
      name = "Annual billing discount (%)",
      description = "Percent off twelve monthly payments when billed annually",
      min = "0",
      max = "100")
  int annualDiscountPercent() default DEFAULT_ANNUAL_DISCOUNT_PERCENT;
}
