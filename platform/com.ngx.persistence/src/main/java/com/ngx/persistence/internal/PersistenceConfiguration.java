package com.ngx.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Node settings of the persistence bundle (PID {@code com.ngx.persistence}). */
@ObjectClassDefinition(name = "NGX persistence", description = "Schema migrations and tenant schemas")
public @interface PersistenceConfiguration {

  @AttributeDefinition(
      description =
          "Filter selecting the platform's DataSource service (pax-jdbc registers it from"
              + " etc/org.ops4j.datasource-ngx.cfg)")
  String dataSource_target() default "(osgi.jndi.service.name=jdbc/ngx)";

  @AttributeDefinition(
      description =
          "Seconds after a module's tenant migrations change before outdated tenant schemas are"
              + " migrated in the background (they are always migrated on first use anyway)")
  int backgroundMigrationDelaySeconds() default 5;

  @AttributeDefinition(
      description =
          "Most recently used tenants that keep an EclipseLink factory of their own (their"
              + " descriptors and queries prepared once); 0 makes every tenant use the shared one")
  int tenantFactories() default 200;
}
