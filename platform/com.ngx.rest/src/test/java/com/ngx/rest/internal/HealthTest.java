package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.health.HealthCheck;
import com.ngx.api.health.HealthCheck.Result;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HealthTest {

  /** The configuration as DS hands it over, with only the required checks set. */
  static RestConfiguration requiring(String... names) {
    return new RestConfiguration() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return RestConfiguration.class;
      }

      @Override
      public long maxBodyBytes() {
        return 1_048_576;
      }

      @Override
      public int defaultRatePerSecond() {
        return 50;
      }

      @Override
      public int defaultRateBurst() {
        return 100;
      }

      @Override
      public String[] requiredHealthChecks() {
        return names;
      }

      @Override
      public int containerGraceSeconds() {
        return 10;
      }
    };
  }

  static HealthCheck check(String name, Supplier<Result> result) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result check() {
        return result.get();
      }
    };
  }

  @Test
  void upWhenEveryRequiredCheckIsRegisteredAndUp() {
    Health health = new Health(requiring("database, tenants"));
    health.addCheck(check("database", () -> Result.up("H2")));
    health.addCheck(check("tenants", () -> Result.up("ok")));

    Health.Report report = health.run();

    assertTrue(report.up());
    assertEquals(List.of("database", "tenants"), List.copyOf(report.checks().keySet()));
    assertEquals(Result.up("H2"), report.checks().get("database"));
  }

  @Test
  void aRequiredCheckNotYetRegisteredIsDown() {
    Health health = new Health(requiring("database", "tenants"));
    health.addCheck(check("database", () -> Result.up("H2")));

    Health.Report report = health.run();

    assertFalse(report.up());
    assertEquals(Result.down("not registered yet"), report.checks().get("tenants"));
  }

  @Test
  void anyCheckDownMakesTheReportDown() {
    Health health = new Health(requiring());
    health.addCheck(check("search", () -> Result.down("index missing")));

    assertFalse(health.run().up());
  }

  @Test
  void aThrowingCheckIsReportedDown() {
    Health health = new Health(requiring("database"));
    health.addCheck(check("database", () -> {
      throw new IllegalStateException("boom");
    }));

    Health.Report report = health.run();

    assertFalse(report.up());
    assertEquals(Result.down("check failed"), report.checks().get("database"));
  }

  @Test
  void aRemovedCheckIsNoLongerRun() {
    Health health = new Health(requiring("database"));
    HealthCheck database = check("database", () -> Result.up("H2"));
    health.addCheck(database);

    health.removeCheck(database);

    assertEquals(Result.down("not registered yet"), health.run().checks().get("database"));
  }

  @Test
  void nothingRequiredNothingRegisteredIsUp() {
    assertTrue(new Health(requiring()).run().up());
  }
}
