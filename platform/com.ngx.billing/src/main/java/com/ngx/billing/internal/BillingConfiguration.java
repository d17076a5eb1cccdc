package com.ngx.billing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Billing settings, PID {@code com.ngx.billing} ({@code etc/com.ngx.billing.cfg}). */
@ObjectClassDefinition(name = "NGX billing", description = "Plans, trials, invoices, payments and dunning")
public @interface BillingConfiguration {
  @AttributeDefinition(description = "The plan a new tenant starts its trial on")
  String trialPlan() default "growth";

  @AttributeDefinition(description = "Days of free trial for a new tenant (0: start paying at once)")
  int trialDays() default 14;

  @AttributeDefinition(description = "Payment provider of new accounts: manual (bank transfer) or an installed provider's id, e.g. stripe")
  String defaultProvider() default "manual";

  @AttributeDefinition(description = "Days after which retries of a failed payment are made, counted from the first failure")
  String dunningSchedule() default "1,3,5,7";

  @AttributeDefinition(description = "Days a tenant has to pay an invoice (bank transfer); after that the invoice is past due")
  int paymentTermsDays() default 14;

  @AttributeDefinition(description = "Bank-transfer instructions printed on invoices paid by transfer")
  String bankTransferInstructions() default "Pay by bank transfer, quoting the invoice number.";

  @AttributeDefinition(description = "Seconds between automatic billing runs (0: only on demand)")
  int runIntervalSeconds() default 900;

  @AttributeDefinition(description = "Public address of the console, for links in billing emails")
  String consoleUrl() default "http://localhost:8181";

  @AttributeDefinition(description = "Tax rate (percent) for countries with no rate of their own")
  String defaultTaxRate() default "0";

  @AttributeDefinition(description = "Partner commission in a client's first year, in basis points")
  int partnerFirstYearBasisPoints() default 3000;

  @AttributeDefinition(description = "Partner commission after a client's first year, in basis points")
  int partnerLaterBasisPoints() default 2000;
}
