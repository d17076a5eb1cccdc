package com.ngx.persistence;

import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs units of work in one resource-local transaction: committed when the work returns,
 * rolled back when it throws (the exception is rethrown unchanged).
 */
@ProviderType
public interface Transactions {

  /** Runs work against the shared tables of the unit. */
  <T> T shared(EntityManagerFactory unit, Function<EntityManager, T> work);

  /**
   * Runs work against one tenant's schema: entities mapped with EclipseLink's {@code
   * TABLE_PER_TENANT} schema discriminator resolve to {@code schema}. The schema is brought up to
   * date first if it is behind.
   */
  <T> T tenant(EntityManagerFactory unit, String schema, Function<EntityManager, T> work);
}
