package com.ngx.persistence.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManagerFactory;
import javax.persistence.spi.PersistenceUnitInfo;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EclipseLink factory per active tenant schema, made from the unit Aries deployed.
 *
 * <p>With {@code TABLE_PER_TENANT} on one shared factory, EclipseLink clones and initialises the
 * tenant's descriptors and prepares its queries again in every transaction. A factory whose
 * tenant is fixed at deployment does that once. The factories are kept for the most recently used
 * tenants ({@code maxTenants}); an evicted one is closed a minute later, when no request can still
 * be using it. Should a factory not be creatable, the shared unit serves the tenant as before.
 */
final class TenantFactories {

  private static final Logger LOG = LoggerFactory.getLogger(TenantFactories.class);

  private record Key(EntityManagerFactory unit, String schema) {}

  private final int maxTenants;
  private final Map<Key, EntityManagerFactory> factories;
  private final Map<Key, Object> creationLocks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService closer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-tenant-factory-closer");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean unsupported;

  TenantFactories(int maxTenants) {
    this.maxTenants = maxTenants;
    this.factories =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, EntityManagerFactory> eldest) {
            if (size() > TenantFactories.this.maxTenants) {
              closeLater(eldest.getValue());
              return true;
            }
            return false;
          }
        };
  }

  /** The tenant's own factory, or null when the shared unit must be used. */
  EntityManagerFactory forTenant(EntityManagerFactory unit, String schema) {
    if (maxTenants <= 0 || unsupported) {
      return null;
    }
    Key key = new Key(unit, schema);
    EntityManagerFactory factory = cached(key);
    if (factory != null) {
      return factory;
    }
    synchronized (creationLocks.computeIfAbsent(key, k -> new Object())) {
      factory = cached(key);
      if (factory == null && unit.isOpen()) {
        factory = create(unit, schema);
        if (factory != null) {
          synchronized (factories) {
            factories.put(key, factory);
          }
        }
      }
    }
    creationLocks.remove(key);
    return factory;
  }

  private EntityManagerFactory cached(Key key) {
    synchronized (factories) {
      EntityManagerFactory factory = factories.get(key);
      if (factory != null && (!factory.isOpen() || !key.unit().isOpen())) {
        factories.remove(key);
        closeLater(factory);
        return null;
      }
      return factory;
    }
  }

  private EntityManagerFactory create(EntityManagerFactory unit, String schema) {
    try {
      PersistenceUnitInfo info =
          unit.unwrap(JpaEntityManagerFactory.class).unwrap().getSetupImpl().getPersistenceUnitInfo();
      // what the unit was deployed with (data source, target server, ...), then the tenant
      Map<String, Object> properties = new HashMap<>(unit.getProperties());
      properties.put(PersistenceUnitProperties.MULTITENANT_PROPERTY_DEFAULT, schema);
      properties.put(PersistenceUnitProperties.MULTITENANT_SHARED_EMF, "false");
      properties.put(
          PersistenceUnitProperties.SESSION_NAME, info.getPersistenceUnitName() + "@" + schema);
      return new PersistenceProvider().createContainerEntityManagerFactory(info, properties);
    } catch (RuntimeException | LinkageError e) {
      unsupported = true;
      LOG.warn("Per-tenant factories are not available; tenants share the unit's factory", e);
      return null;
    }
  }

  /** Closes the factory of a dropped schema. */
  void forget(String schema) {
    synchronized (factories) {
      factories.entrySet().removeIf(
          e -> {
            if (e.getKey().schema().equals(schema)) {
              closeLater(e.getValue());
              return true;
            }
            return false;
          });
    }
  }

  void close() {
    synchronized (factories) {
      factories.values().forEach(TenantFactories::closeQuietly);
      factories.clear();
    }
    closer.shutdownNow();
  }

  private void closeLater(EntityManagerFactory factory) {
    if (closer.isShutdown()) {
      closeQuietly(factory);
    } else {
      closer.schedule(() -> closeQuietly(factory), 60, TimeUnit.SECONDS);
    }
  }

  private static void closeQuietly(EntityManagerFactory factory) {
    try {
      if (factory.isOpen()) {
        factory.close();
      }
    } catch (RuntimeException e) {
      LOG.debug("Closing a tenant factory failed", e);
    }
  }
}
