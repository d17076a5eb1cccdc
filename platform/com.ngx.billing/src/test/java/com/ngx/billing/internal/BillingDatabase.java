package com.ngx.billing.internal;

import com.ngx.persistence.PersistenceFailure;
import com.ngx.persistence.TenantSchemas;
import com.ngx.persistence.Transactions;
import com.ngx.persistence.internal.JpaTransactions;
import com.ngx.persistence.internal.SchemaManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An in-memory H2 database with billing's shared schema (Flyway, as the persistence bundle migrates
 * it), the real persistence unit {@code ngx-billing} (EclipseLink) and the platform's
 * JpaTransactions. Each instance is a database of its own: billing runs bill every subscription
 * that is due and invoice numbers are counted per issuer, so a harness whose clock moves on its
 * own needs a database nobody else bills in.
 */
public final class BillingDatabase implements AutoCloseable {
  private final JdbcDataSource dataSource;
  private final EntityManagerFactory unit;
  private final Transactions transactions;
  /** An in-memory H2 database lives as long as a connection to it is open. */
  private final Connection keepAlive;

  /** Billing keeps all its tables in the shared schema: no tenant schemas to manage. */
  private static final class SharedOnly implements TenantSchemas {
    @Override
    public void create(String schema) {
      throw new UnsupportedOperationException("billing has no tenant schemas");
    }

    @Override
    public void ensureCurrent(String schema) {
      throw new UnsupportedOperationException("billing has no tenant schemas");
    }

    @Override
    public void drop(String schema) {
      throw new UnsupportedOperationException("billing has no tenant schemas");
    }

    @Override
    public boolean exists(String schema) {
      return false;
    }
  }

  private BillingDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    // as the persistence bundle's tests: identifiers in lower case, H2's own dialect
    dataSource.setURL("jdbc:h2:mem:billing-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    keepAlive = dataSource.getConnection();
    SchemaManager.flyway(dataSource, BillingDatabase.class.getClassLoader(), "billing", "db/billing/shared", null)
        .migrate();
    // the unit names a JNDI data source (osgi:service/…); outside OSGi it gets this one instead
    unit = Persistence.createEntityManagerFactory("ngx-billing",
        Map.of("javax.persistence.nonJtaDataSource", dataSource, "eclipselink.logging.level", "SEVERE"));
    transactions = new JpaTransactions(new SharedOnly(), 0);
  }

  /** A new, migrated, empty database. */
  public static BillingDatabase create() {
    try {
      return new BillingDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open an in-memory H2 database", e);
    }
  }

  public EntityManagerFactory unit() {
    return unit;
  }

  public Transactions transactions() {
    return transactions;
  }

  /** Runs SQL outside JPA (what a test sets up or checks). */
  public void execute(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
      s.execute();
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }

  /** The single number a query answers (0 when it answers no row or null). */
  public long number(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }

  /** The first column of every row a query answers, as text. */
  public List<String> texts(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int k = 0; k < params.length; k++) {
      s.setObject(k + 1, params[k]);
    }
    return s;
  }

  @Override
  public void close() {
    unit.close();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("shutdown");
    } catch (SQLException e) {
      // closing anyway
    }
    try {
      keepAlive.close();
    } catch (SQLException e) {
      // nothing more to free
    }
  }
}
