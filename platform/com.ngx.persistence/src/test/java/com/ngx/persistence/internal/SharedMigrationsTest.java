package com.ngx.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** The persistence bundle's own shared migrations, run as SchemaManager runs them, on H2. */
class SharedMigrationsTest {

  private String url;
  private Connection keepAlive;

  @BeforeEach
  void openDatabase() throws SQLException {
    url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE";
    // an in-memory H2 database lives as long as one connection to it
    keepAlive = DriverManager.getConnection(url, "sa", "");
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    keepAlive.close();
  }

  private MigrateResult migrate() {
    return Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/persistence/shared")
        .table("flyway_persistence")
        .failOnMissingLocations(false)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private List<String> columnsOf(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps =
        keepAlive.prepareStatement(
            "select column_name from information_schema.columns where table_name = ?"
                + " order by ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  @Test
  void createsTheSchemaStateTable() throws SQLException {
    MigrateResult result = migrate();

    assertEquals(1, result.migrationsExecuted);
    assertEquals("1", result.targetSchemaVersion);
    assertEquals(List.of("schema_name", "fingerprint", "migrated_at"), columnsOf("ngx_tenant_schema"));
  }

  @Test
  void runningAgainChangesNothing() {
    migrate();

    assertEquals(0, migrate().migrationsExecuted);
  }

  @Test
  void aSchemaAnotherModuleFilledFirstIsBaselinedAtZeroAndStillMigrated() throws SQLException {
    // another module keeps its own history table and tables in the same schema
    try (Statement s = keepAlive.createStatement()) {
      s.execute("create table tenant (id varchar(36) primary key)");
    }

    MigrateResult result = migrate();

    assertEquals(1, result.migrationsExecuted);
    assertEquals(List.of("schema_name", "fingerprint", "migrated_at"), columnsOf("ngx_tenant_schema"));
  }

  @Test
  void oneRowPerSchema() throws SQLException {
    migrate();
    String insert =
        "insert into ngx_tenant_schema (schema_name, fingerprint, migrated_at) values (?, ?, ?)";
    try (PreparedStatement ps = keepAlive.prepareStatement(insert)) {
      ps.setString(1, "t_acme");
      ps.setString(2, "f".repeat(64));
      ps.setTimestamp(3, Timestamp.from(Instant.now()));
      ps.executeUpdate();

      SQLException e = assertThrows(SQLException.class, ps::executeUpdate);

      assertEquals("23505", e.getSQLState());
    }
  }
}
