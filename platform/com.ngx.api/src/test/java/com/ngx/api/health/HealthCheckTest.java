package com.ngx.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckTest {

  @ParameterizedTest
  @CsvSource({
    // the factory says whether it is up; the detail is kept as given
    "true, PostgreSQL",
    "false, connection refused",
  })
  void resultFactories(boolean up, String detail) {
    HealthCheck.Result result = up ? HealthCheck.Result.up(detail) : HealthCheck.Result.down(detail);

    assertEquals(new HealthCheck.Result(up, detail), result);
    assertEquals(up, result.up());
    assertEquals(detail, result.detail());
  }
}
