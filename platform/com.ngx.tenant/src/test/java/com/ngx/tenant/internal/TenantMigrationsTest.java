package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant module's migrations on H2, configured as the persistence bundle's SchemaManager runs
 * them: the shared ones in the default schema, the tenant ones in a tenant's own schema.
 */
class TenantMigrationsTest {

  private String url;
  private Connection db;

  @BeforeEach
  void openDatabase() throws SQLException {
    url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE";
    db = DriverManager.getConnection(url, "sa", "");
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    db.close();
  }

  private MigrateResult migrateShared() {
    return Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/tenant/shared")
        .table("flyway_tenant")
        .failOnMissingLocations(false)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private MigrateResult migrateTenant(String schema) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("create schema " + schema);
    }
    return Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/tenant/tenant")
        .table("flyway_tenant")
        .failOnMissingLocations(false)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(false)
        .load()
        .migrate();
  }

  private List<String> tables(String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "select table_name from information_schema.tables where table_schema = ?"
                + " and table_type = 'BASE TABLE' order by table_name")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  private void insertTenant(String id, String slug, String schema) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "insert into tenant (id, slug, name, status, schema_name, created_at, updated_at, version)"
                + " values (?, ?, ?, 'ACTIVE', ?, ?, ?, 1)")) {
      Timestamp now = Timestamp.from(Instant.now());
      ps.setString(1, id);
      ps.setString(2, slug);
      ps.setString(3, "Acme");
      ps.setString(4, schema);
      ps.setTimestamp(5, now);
      ps.setTimestamp(6, now);
      ps.executeUpdate();
    }
  }

  private void insertKey(String tenantId, String hash) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "insert into api_key (id, tenant_id, kind, name, prefix, secret_hash, scopes, created_at)"
                + " values (?, ?, 'tenant', 'k', 'ngx_t_abcdef', ?, '*', ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, tenantId);
      ps.setString(3, hash);
      ps.setTimestamp(4, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
  }

  @Test
  void sharedMigrationsCreateTenantAndKeyTables() throws SQLException {
    MigrateResult result = migrateShared();

    assertEquals(1, result.migrationsExecuted);
    assertEquals(List.of("api_key", "flyway_tenant", "tenant"), tables("public"));
    assertEquals(0, migrateShared().migrationsExecuted);
  }

  @Test
  void tenantMigrationsCreateTheSettingsTableInTheTenantSchemaOnly() throws SQLException {
    migrateShared();

    MigrateResult result = migrateTenant("t_demo");

    assertEquals(1, result.migrationsExecuted);
    assertEquals(List.of("flyway_tenant", "setting"), tables("t_demo"));
    assertEquals(List.of("api_key", "flyway_tenant", "tenant"), tables("public"));
  }

  @Test
  void eachTenantSchemaHasItsOwnSettings() throws SQLException {
    migrateTenant("t_demo");
    migrateTenant("t_acme_corp");
    try (Statement s = db.createStatement()) {
      s.execute("insert into t_demo.setting values ('locale', 'es-MX', current_timestamp)");
      try (ResultSet rs = s.executeQuery("select count(*) from t_acme_corp.setting")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
      }
    }
  }

  @Test
  void aSlugCanBeTakenOnlyOnce() throws SQLException {
    migrateShared();
    insertTenant(UUID.randomUUID().toString(), "acme", "t_acme");

    SQLException e =
        assertThrows(
            SQLException.class, () -> insertTenant(UUID.randomUUID().toString(), "acme", "t_acme2"));

    assertEquals("23505", e.getSQLState());
    assertTrue(Violations.isUniqueViolation(e));
  }

  @Test
  void aSchemaBelongsToOneTenant() throws SQLException {
    migrateShared();
    insertTenant(UUID.randomUUID().toString(), "acme", "t_acme");

    SQLException e =
        assertThrows(
            SQLException.class, () -> insertTenant(UUID.randomUUID().toString(), "acme2", "t_acme"));

    assertTrue(Violations.isUniqueViolation(e));
  }

  @Test
  void aSecretHashIsStoredOnceAndKeysNeedAnExistingTenant() throws SQLException {
    migrateShared();
    String tenant = UUID.randomUUID().toString();
    insertTenant(tenant, "acme", "t_acme");
    insertKey(tenant, Keys.hash("secret"));

    SQLException duplicate = assertThrows(SQLException.class, () -> insertKey(tenant, Keys.hash("secret")));
    // 23506: referential integrity
    SQLException orphan =
        assertThrows(SQLException.class, () -> insertKey(UUID.randomUUID().toString(), Keys.hash("other")));

    assertTrue(Violations.isUniqueViolation(duplicate));
    assertEquals("23506", orphan.getSQLState());
  }

  @Test
  void theSlugColumnHoldsTheLongestSlugAndTheSchemaColumnItsSchema() throws SQLException {
    migrateShared();
    String slug = "a" + "b".repeat(Slugs.MAX - 1);

    insertTenant(UUID.randomUUID().toString(), slug, Slugs.schemaOf(slug));

    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select schema_name from tenant")) {
      assertTrue(rs.next());
      assertEquals("t_" + slug, rs.getString(1));
    }
  }
}
