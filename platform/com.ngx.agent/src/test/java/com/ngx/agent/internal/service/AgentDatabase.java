package com.ngx.agent.internal.service;

import com.ngx.agent.internal.store.AgentStore;
import com.ngx.persistence.PersistenceFailure;
import com.ngx.persistence.TenantSchemas;
import com.ngx.persistence.internal.JpaTransactions;
import com.ngx.persistence.internal.SchemaManager;
import java.sql.Connection;
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
 * One in-memory H2 database for the agent module's service tests, shared by every test class of
 * the run: the module's shared and tenant migrations (Flyway, as the persistence bundle runs them),
 * the real persistence unit {@code ngx-agent} (EclipseLink) and the platform's JpaTransactions.
 * Tests keep apart by using tenant schemas of their own.
 */
final class AgentDatabase {
  private static AgentDatabase instance;

  final JdbcDataSource dataSource;
  final AgentStore store;
  private final FlywaySchemas schemas;
  private final Set<String> current = ConcurrentHashMap.newKeySet();
  /** An in-memory H2 database lives as long as a connection to it is open. */
  private final Connection keepAlive;

  /** Tenant schemas without OSGi: the agent module's tenant migrations run with Flyway from the class path. */
  private final class FlywaySchemas implements TenantSchemas {
    @Override
    public void create(String schema) {
      execute("create schema " + schema);
      migrate(schema);
    }

    @Override
    public void ensureCurrent(String schema) {
      if (!current.contains(schema)) {
        migrate(schema);
      }
    }

    @Override
    public void drop(String schema) {
      current.remove(schema);
      execute("drop schema if exists " + schema + " cascade");
    }

    @Override
    public boolean exists(String schema) {
      return current.contains(schema);
    }

    private void migrate(String schema) {
      SchemaManager.flyway(dataSource, AgentDatabase.class.getClassLoader(), "agent", "db/agent/tenant", schema).migrate();
      current.add(schema);
    }
  }

  private AgentDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    keepAlive = dataSource.getConnection();
    SchemaManager.flyway(dataSource, AgentDatabase.class.getClassLoader(), "agent", "db/agent/shared", null).migrate();
    EntityManagerFactory unit = Persistence.createEntityManagerFactory("ngx-agent",
        Map.of("javax.persistence.nonJtaDataSource", dataSource, "eclipselink.logging.level", "SEVERE"));
    schemas = new FlywaySchemas();
    store = new AgentStore(unit, () -> "agent", new JpaTransactions(schemas, 0));
  }

  static synchronized AgentDatabase get() {
    if (instance == null) {
      try {
        instance = new AgentDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** Creates and migrates a tenant schema no other test uses. */
  String newSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    schemas.create(schema);
    return schema;
  }

  /** Runs SQL outside JPA (what a crash leaves behind, what a test checks). */
  void execute(String sql) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }

  /** The single number a query answers. */
  long number(String sql) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }

  /** The single text a query answers, or null. */
  String text(String sql) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new PersistenceFailure(sql + " failed", e);
    }
  }
}
