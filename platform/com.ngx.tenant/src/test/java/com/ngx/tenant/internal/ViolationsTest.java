package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  private static Connection db;

  @BeforeAll
  static void openDatabase() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
    try (Statement s = db.createStatement()) {
      s.execute("create table t (id int primary key, slug varchar(10) not null unique)");
      s.execute("insert into t values (1, 'acme')");
    }
  }

  @AfterAll
  static void closeDatabase() throws SQLException {
    db.close();
  }

  private static SQLException fail(String sql) {
    return assertThrows(
        SQLException.class,
        () -> {
          try (Statement s = db.createStatement()) {
            s.execute(sql);
          }
        });
  }

  @Test
  void aUniqueViolationFromTheDriverIsRecognised() {
    SQLException e = fail("insert into t values (2, 'acme')");

    assertEquals("23505", e.getSQLState());
    assertTrue(Violations.isUniqueViolation(e));
  }

  @Test
  void aUniqueViolationWrappedByJpaIsRecognised() {
    SQLException sql = fail("insert into t values (1, 'globex')");

    assertTrue(Violations.isUniqueViolation(new PersistenceException("commit failed", new RuntimeException(sql))));
  }

  @Test
  void otherConstraintViolationsAreNot() {
    // 23502: not null
    SQLException notNull = fail("insert into t values (3, null)");

    assertEquals("23502", notNull.getSQLState());
    assertFalse(Violations.isUniqueViolation(notNull));
    assertFalse(Violations.isUniqueViolation(new PersistenceException(notNull)));
  }

  @Test
  void aJpaExceptionThatOnlyMentionsTheStateIsRecognised() {
    // EclipseLink sometimes keeps only the message of the driver's exception
    assertTrue(
        Violations.isUniqueViolation(
            new PersistenceException("Internal Exception: ... Error Code: 23505 ...")));
    assertFalse(Violations.isUniqueViolation(new RuntimeException("Error Code: 23505")));
  }

  @Test
  void unrelatedExceptionsAreNot() {
    assertFalse(Violations.isUniqueViolation(new IllegalStateException("boom")));
    assertFalse(Violations.isUniqueViolation(new PersistenceException()));
    assertFalse(Violations.isUniqueViolation(null));
  }
}
