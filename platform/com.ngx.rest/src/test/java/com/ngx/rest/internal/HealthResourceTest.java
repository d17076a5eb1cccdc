package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ngx.api.health.HealthCheck.Result;
import javax.ws.rs.core.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthResourceTest {

  @ParameterizedTest
  @CsvSource({
    // database up, every resource served: ready
    "true, true, 200, UP",
    // resources are being reloaded
    "true, false, 503, DOWN",
    // database down
    "false, true, 503, DOWN",
    "false, false, 503, DOWN",
  })
  void readiness(boolean databaseUp, boolean settled, int status, String verdict) {
    Health health = new Health(HealthTest.requiring("database"));
    health.addCheck(
        HealthTest.check("database", () -> databaseUp ? Result.up("H2") : Result.down("gone")));
    HealthResource resource = new HealthResource(health, () -> settled);

    Response response = resource.ready();

    assertEquals(status, response.getStatus());
    HealthResource.HealthDTO body = (HealthResource.HealthDTO) response.getEntity();
    assertEquals(verdict, body.status());
    assertEquals(settled, body.checks().get("api").up());
    assertEquals(databaseUp, body.checks().get("database").up());
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void livenessIsUpWhateverTheReadiness(boolean settled) {
    HealthResource resource = new HealthResource(new Health(HealthTest.requiring("database")), () -> settled);

    assertEquals("UP", resource.live().status());
  }
}
