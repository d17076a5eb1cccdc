package com.ngx.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Node settings of the REST API (PID {@code com.ngx.rest}). */
@ObjectClassDefinition(name = "NGX REST API", description = "The API served under /api/v1")
public @interface RestConfiguration {

  @AttributeDefinition(description = "Largest accepted request body, in bytes (413 above)")
  long maxBodyBytes() default 1_048_576;

  @AttributeDefinition(
      description = "Sustained requests per second per tenant, unless the tenant has its own limit")
  int defaultRatePerSecond() default 50;

  @AttributeDefinition(
      description = "Requests a tenant may send at once (bucket size), unless the tenant has its own")
  int defaultRateBurst() default 100;

  @AttributeDefinition(
      description =
          "Health checks that must be registered and up before /api/v1/health/ready answers 200")
  String[] requiredHealthChecks() default {"database", "tenants"};

  @AttributeDefinition(description = "Seconds an old JAX-RS container keeps serving after a swap")
  int containerGraceSeconds() default 10;
}
