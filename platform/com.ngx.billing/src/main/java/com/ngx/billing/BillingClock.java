package com.ngx.billing;

/**
 * Billing time. Billing registers a {@link java.time.Clock} service with the property
 * {@value #PROPERTY}={@value #VALUE}; every bundle whose records end up on an invoice (usage,
 * add-on charges, conversions) reads the time from it, so an operator's test clock
 * ({@code ngx.billing.testClock=true}) moves all of them together.
 */
public final class BillingClock {
  /** The service property that marks the billing clock. */
  public static final String PROPERTY = "ngx.clock";

  /** Its value. */
  public static final String VALUE = "billing";

  /** The LDAP filter that selects it, for {@code @Reference(target = …)}. */
  public static final String TARGET = "(" + PROPERTY + "=" + VALUE + ")";

  private BillingClock() {}
}
