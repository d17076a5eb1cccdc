package com.ngx.tenant.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Node settings of tenant management (PID {@code com.ngx.tenant}). */
@ObjectClassDefinition(name = "NGX tenants", description = "Tenant lifecycle and operator keys")
public @interface TenantConfiguration {

  @AttributeDefinition(
      description = "Days a deleted tenant's data is kept (and can be restored) before it is erased")
  int deleteGraceDays() default 30;

  @AttributeDefinition(
      description = "Minutes between passes that erase tenants past their grace period")
  int purgeIntervalMinutes() default 60;

  @AttributeDefinition(
      description =
          "Minutes after which a tenant still provisioning (the node died mid-way) is cleaned up")
  int stuckProvisioningMinutes() default 10;

  @AttributeDefinition(
      description =
          "Seconds a node may reuse an authenticated key without asking the database (a revoked"
              + " key or suspended tenant is refused at once on the node that changed it, within"
              + " this time on the others); 0 turns the cache off")
  int authCacheSeconds() default 5;

  @AttributeDefinition(
      description =
          "Operator keys: each either the key itself or 'sha256:' followed by its SHA-256 in hex."
              + " The NGX_OPERATOR_KEY environment variable adds one more.")
  String[] operatorKeys() default {};
}
