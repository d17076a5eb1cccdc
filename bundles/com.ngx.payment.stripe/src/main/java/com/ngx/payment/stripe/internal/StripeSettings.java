package com.ngx.payment.stripe.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The operator's settings of the Stripe payment provider, which the platform renders and validates. */
@ObjectClassDefinition(
    id = StripeSettings.PLUGIN_ID,
    name = "Stripe payments",
    description =
        "Charges the tenants' invoices with Stripe: saves each paying tenant as a Stripe customer"
            + " with a default card, charges off-session, refunds, and reads Stripe's webhooks at"
            + " POST /api/v1/plugins/stripe/webhook")
public @interface StripeSettings {
  /** The plugin id, also the provider id, the id of this definition and the designate PID. */
  String PLUGIN_ID = "stripe";

  /** Stripe's API. */
  String DEFAULT_API_BASE = "https://api.stripe.com";
  /** Stripe's own default tolerance for webhook timestamps. */
  int DEFAULT_TOLERANCE_SECONDS = 300;
  /** The smallest tolerance an operator may choose. */
  int MIN_TOLERANCE_SECONDS = 1;
  /** The largest tolerance an operator may choose: a longer one makes replays easy. */
  int MAX_TOLERANCE_SECONDS = 3600;
  /** The default request timeout. */
  int DEFAULT_TIMEOUT_SECONDS = 20;
  /** The shortest request timeout an operator may choose. */
  int MIN_TIMEOUT_SECONDS = 1;
  /** The longest request timeout an operator may choose. */
  int MAX_TIMEOUT_SECONDS = 120;

  @AttributeDefinition(
      name = "Secret API key",
      description =
          "The secret key (sk_live_…, sk_test_…) or a restricted key (rk_…) of the Stripe account"
              + " that receives the payments; never the publishable key (pk_…)",
      type = AttributeType.PASSWORD)
  String apiKey();

  @AttributeDefinition(
      name = "Webhook signing secret",
      description =
          "The signing secret (whsec_…) of the webhook endpoint you created in Stripe for"
              + " https://<platform>/api/v1/plugins/stripe/webhook; webhooks are refused without it",
      type = AttributeType.PASSWORD,
      required = false)
  String webhookSecret();

  @AttributeDefinition(
      name = "API base URL",
      description =
          "Where Stripe's API is: https://api.stripe.com, or a proxy or a test server that speaks"
              + " the same API")
  String apiBase() default DEFAULT_API_BASE;

  @AttributeDefinition(
      name = "Webhook tolerance (seconds)",
      description =
          "How far a webhook's signed timestamp may be from this server's clock, either way, 1-3600"
              + " seconds (Stripe's default is 300)",
      min = "" + MIN_TOLERANCE_SECONDS,
      max = "" + MAX_TOLERANCE_SECONDS)
  int toleranceSeconds() default DEFAULT_TOLERANCE_SECONDS;

  @AttributeDefinition(
      name = "Timeout (seconds)",
      description = "How long to wait to connect to Stripe, and then for each answer, 1-120 seconds",
      min = "" + MIN_TIMEOUT_SECONDS,
      max = "" + MAX_TIMEOUT_SECONDS)
  int timeoutSeconds() default DEFAULT_TIMEOUT_SECONDS;
}
