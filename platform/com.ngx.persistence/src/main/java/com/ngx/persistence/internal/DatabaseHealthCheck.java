package com.ngx.persistence.internal;

import com.ngx.api.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reports whether the platform database answers, for the readiness endpoint. */
@Component(configurationPid = "com.ngx.persistence")
public final class DatabaseHealthCheck implements HealthCheck {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DatabaseHealthCheck.class);

  private final DataSource dataSource;

  @Activate
  public DatabaseHealthCheck(@Reference(name = "dataSource", target = "(osgi.jndi.service.name=jdbc/ngx)") DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public Result check() {
    try (Connection c = dataSource.getConnection()) {
      if (c.isValid(2)) {
        return Result.up(c.getMetaData().getDatabaseProductName());
      }
      return Result.down("connection is not valid");
    } catch (SQLException | RuntimeException e) {
      // the probe is anonymous: the reason (host, user, ...) goes to the log only
      LOG.warn("The database health check failed", e);
      return Result.down("unreachable");
    }
  }
}
