package com.ngx.persistence;

import org.osgi.annotation.versioning.ProviderType;

/** Creates, migrates and drops the database schemas that hold each tenant's own data. */
@ProviderType
public interface TenantSchemas {

  /**
   * Creates the schema and runs every module's tenant migrations in it. Either the schema exists
   * and is current afterwards, or the method throws and the schema does not exist.
   *
   * @throws IllegalArgumentException if the name is not a valid schema name
   * @throws PersistenceFailure if the schema could not be created or migrated
   */
  void create(String schema);

  /** Brings an existing schema up to date, migrating it now if it is behind. Cheap when current. */
  void ensureCurrent(String schema);

  /** Drops the schema with everything in it. Does nothing if it does not exist. */
  void drop(String schema);

  /** Whether the schema exists. */
  boolean exists(String schema);
}
