package com.ngx.marketplace.internal;

import com.ngx.persistence.TenantSchemas;
import com.ngx.persistence.Transactions;
import com.ngx.persistence.internal.JpaTransactions;
import com.ngx.persistence.internal.SchemaManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One in-memory H2 database for the marketplace's tests, shared by every test class of the run:
 * the module's shared migrations applied with the platform's Flyway set-up, the real persistence
 * unit (EclipseLink) on top, and the platform's JpaTransactions. Tests keep apart by using tenant
 * and publisher ids of their own.
 */
final class MarketplaceDatabase {

  /** Only the shared schema: the ledger and installations live there. */
  private static final class NoTenantSchemas implements TenantSchemas {
    @Override
    public void create(String schema) {
      throw new UnsupportedOperationException("these tests use the shared schema only");
    }

    @Override
    public void ensureCurrent(String schema) {
      throw new UnsupportedOperationException("these tests use the shared schema only");
    }

    @Override
    public void drop(String schema) {
      throw new UnsupportedOperationException("these tests use the shared schema only");
    }

    @Override
    public boolean exists(String schema) {
      return false;
    }
  }

  private static MarketplaceDatabase instance;

  final JdbcDataSource dataSource;
  final EntityManagerFactory unit;
  final Transactions tx;
  /** An in-memory H2 database lives as long as a connection to it is open. */
  private final Connection keepAlive;

  private MarketplaceDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    keepAlive = dataSource.getConnection();
    SchemaManager.flyway(
            dataSource, MarketplaceDatabase.class.getClassLoader(), "marketplace", "db/marketplace/shared", null)
        .migrate();
    unit =
        Persistence.createEntityManagerFactory(
            "ngx-marketplace",
            Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    tx = new JpaTransactions(new NoTenantSchemas(), 0);
  }

  static synchronized MarketplaceDatabase get() {
    if (instance == null) {
      try {
        instance = new MarketplaceDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** The marketplace's Store on this database, reading the time from {@code clock} (billing's, in production). */
  Store store(Clock clock) {
    return new Store(unit, null, tx, clock);
  }

  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }
}
