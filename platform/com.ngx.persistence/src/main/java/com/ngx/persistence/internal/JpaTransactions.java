package com.ngx.persistence.internal;

import com.ngx.persistence.TenantSchemas;
import com.ngx.persistence.Transactions;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Resource-local transactions over the platform's persistence units. */
@Component(configurationPid = "com.ngx.persistence")
public final class JpaTransactions implements Transactions {

  /** EclipseLink's property that selects the tenant (here: the schema) of an EntityManager. */
  static final String TENANT_ID = "eclipselink.tenant-id";

  private final TenantSchemas schemas;
  private final TenantFactories factories;

  @Activate
  public JpaTransactions(@Reference TenantSchemas schemas, PersistenceConfiguration configuration) {
    this(schemas, configuration.tenantFactories());
  }

  /** With {@code tenantFactories} tenants keeping a factory of their own (0: none). */
  public JpaTransactions(TenantSchemas schemas, int tenantFactories) {
    this.schemas = schemas;
    this.factories = new TenantFactories(tenantFactories);
    if (schemas instanceof SchemaManager manager) {
      manager.onDrop(factories::forget);
    }
  }

  @Deactivate
  void deactivate() {
    if (schemas instanceof SchemaManager manager) {
      manager.onDrop(null);
    }
    factories.close();
  }

  @Override
  public <T> T shared(EntityManagerFactory unit, Function<EntityManager, T> work) {
    return run(unit.createEntityManager(), work);
  }

  @Override
  public <T> T tenant(
      EntityManagerFactory unit, String schema, Function<EntityManager, T> work) {
    schemas.ensureCurrent(schema);
    EntityManagerFactory own = factories.forTenant(unit, schema);
    return run(
        own != null ? own.createEntityManager() : unit.createEntityManager(Map.of(TENANT_ID, schema)),
        work);
  }

  static <T> T run(EntityManager em, Function<EntityManager, T> work) {
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    } finally {
      em.close();
    }
  }
}
