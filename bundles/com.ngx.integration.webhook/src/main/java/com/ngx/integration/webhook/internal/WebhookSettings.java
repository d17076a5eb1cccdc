package com.ngx.integration.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A tenant's settings of the webhook lead sink, which the platform renders and validates. */
@ObjectClassDefinition(
    id = "webhook-lead-sink",
    name = "Signed webhook lead sink",
    description =
        "Sends every qualified lead as JSON to your endpoint, signed with HMAC-SHA256 so that you"
            + " can verify it came from us (headers X-NGX-Timestamp and X-NGX-Signature)")
public @interface WebhookSettings {
  /** The shortest request timeout a tenant may choose. */
  int MIN_TIMEOUT_SECONDS = 1;
  /** The longest request timeout a tenant may choose. */
  int MAX_TIMEOUT_SECONDS = 30;

  @AttributeDefinition(
      name = "Endpoint URL",
      description = "The https:// (or http://) URL that receives each lead as a JSON POST")
  String url();

  @AttributeDefinition(
      name = "Signing secret",
      description =
          "The shared secret with which each request is signed; keep it on your receiver only",
      type = AttributeType.PASSWORD)
  String secret();

  @AttributeDefinition(
      name = "Timeout (seconds)",
      description = "How long to wait for your endpoint to answer, 1-30 seconds",
      min = "" + MIN_TIMEOUT_SECONDS,
      max = "" + MAX_TIMEOUT_SECONDS)
  int timeoutSeconds() default 5;
}
