package com.ngx.tenant.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** First-start seeding (PID {@code com.ngx.demo}). */
@ObjectClassDefinition(name = "NGX demo data", description = "What the first start seeds")
public @interface DemoConfiguration {

  @AttributeDefinition(description = "Seed a demo tenant with an API key on first start")
  boolean enabled() default false;

  @AttributeDefinition(description = "Slug of the demo tenant")
  String tenantSlug() default "demo";

  @AttributeDefinition(description = "Name of the demo tenant")
  String tenantName() default "Demo Company";

  @AttributeDefinition(
      description = "File (relative to karaf.data) where first-start credentials are written")
  String credentialsFile() default "ngx-credentials.env";
}
