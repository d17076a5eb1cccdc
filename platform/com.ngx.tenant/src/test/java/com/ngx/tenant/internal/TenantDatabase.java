package com.ngx.tenant.internal;

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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One in-memory H2 database for the tenant module's tests, shared by every test class of the run:
 * the shared migrations applied, the real persistence unit (EclipseLink) on top of it, and the
 * platform's JpaTransactions. Tests keep apart by using slugs and keys of their own.
 */
public final class TenantDatabase {

  /**
   * Tenant schemas as SchemaManager keeps them, without OSGi: the module's tenant migrations run
   * with Flyway from the classpath.
   */
  static final class FlywaySchemas implements TenantSchemas {
    private final JdbcDataSource dataSource;
    /** Schemas migrated in this run: like SchemaManager, migrate once, not on every use. */
    private final Set<String> current = ConcurrentHashMap.newKeySet();

    FlywaySchemas(JdbcDataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public void create(String schema) {
      execute("create schema " + schema);
      migrate(schema);
    }

    @Override
    public void ensureCurrent(String schema) {
      if (current.contains(schema)) {
        return;
      }
      if (!exists(schema)) {
        throw new PersistenceFailure("Tenant schema " + schema + " does not exist", null);
      }
      migrate(schema);
    }

    private void migrate(String schema) {
      try {
        // the platform's own Flyway set-up, with the tenant module's scripts
        SchemaManager.flyway(
                dataSource, TenantDatabase.class.getClassLoader(), "tenant", "db/tenant/tenant", schema)
            .migrate();
        current.add(schema);
      } catch (RuntimeException e) {
        throw new PersistenceFailure("Could not migrate " + schema, e);
      }
    }

    @Override
    public void drop(String schema) {
      current.remove(schema);
      execute("drop schema if exists " + schema + " cascade");
    }

    @Override
    public boolean exists(String schema) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "select count(*) from information_schema.schemata where schema_name = ?")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getInt(1) > 0;
        }
      } catch (SQLException e) {
        throw new PersistenceFailure("Could not look up " + schema, e);
      }
    }

    private void execute(String sql) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new PersistenceFailure(sql + " failed", e);
      }
    }
  }

  private static TenantDatabase instance;

  final JdbcDataSource dataSource;
  final FlywaySchemas schemas;
  final EntityManagerFactory unit;
  final Transactions tx;
  /** An in-memory H2 database lives as long as a connection to it is open. */
  private final Connection keepAlive;

  private TenantDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    keepAlive = dataSource.getConnection();
    SchemaManager.flyway(
            dataSource, TenantDatabase.class.getClassLoader(), "tenant", "db/tenant/shared", null)
        .migrate();
    schemas = new FlywaySchemas(dataSource);
    unit =
        Persistence.createEntityManagerFactory(
            "ngx-tenant",
            Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    tx = new JpaTransactions(schemas, 200);
  }

  public static synchronized TenantDatabase get() {
    if (instance == null) {
      try {
        instance = new TenantDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** A slug no other test uses. */
  public static String uniqueSlug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** The persistence unit "ngx-tenant". */
  public EntityManagerFactory unit() {
    return unit;
  }

  public Transactions tx() {
    return tx;
  }

  /** Creates and migrates a tenant schema. */
  public void createSchema(String schema) {
    schemas.create(schema);
  }
}
