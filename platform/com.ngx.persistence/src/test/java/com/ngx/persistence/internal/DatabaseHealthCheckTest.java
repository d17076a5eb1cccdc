package com.ngx.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.health.HealthCheck;
import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseHealthCheckTest {

  private static JdbcDataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    ds.setPassword("");
    return ds;
  }

  @Test
  void upWithTheDatabaseProductWhenTheDatabaseAnswers() {
    DatabaseHealthCheck check =
        new DatabaseHealthCheck(dataSource("jdbc:h2:mem:" + UUID.randomUUID()));

    HealthCheck.Result result = check.check();

    assertEquals("database", check.name());
    assertEquals(HealthCheck.Result.up("H2"), result);
  }

  @Test
  void downWithoutThrowingWhenTheDatabaseIsUnreachable(@TempDir Path dir) {
    // IFEXISTS: H2 refuses to create the missing database, like a server that is not there
    String url = "jdbc:h2:file:" + dir.resolve("missing") + ";IFEXISTS=TRUE";

    HealthCheck.Result result = new DatabaseHealthCheck(dataSource(url)).check();

    assertFalse(result.up());
    // the anonymous probe says no more: the reason (URL, user, ...) goes to the log
    assertEquals("unreachable", result.detail());
  }
}
