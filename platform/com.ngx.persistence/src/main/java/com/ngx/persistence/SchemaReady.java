package com.ngx.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered once a module's shared migrations have run; its {@value #MODULE} property names the
 * module. Reference it with a target such as {@code (ngx.schema.module=tenant)}.
 */
@ProviderType
public interface SchemaReady {

  /** The service property that names the migrated module. */
  String MODULE = "ngx.schema.module";

  /** The migrated module. */
  String module();
}
