package com.ngx.tenant.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request checks that TenantResource makes before it calls the (here absent) tenant service. */
class TenantResourceTest {

  private final TenantResource resource = new TenantResource(null);

  @Test
  void provisionWithoutABodyIs400() {
    assertEquals(400, assertThrows(ApiException.class, () -> resource.provision(null)).status());
  }

  @Test
  void updateWithoutABodyIs400() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> resource.update("00000000-0000-0000-0000-000000000001", null));

    assertEquals(400, e.status());
  }

  @ParameterizedTest
  @CsvSource({
    // an unknown status
    "archived, 0, 50, query.status",
    // the Java name is not accepted
    "ACTIVE, 0, 50, query.status",
    // bounds are checked first
    "active, -1, 50, query.offset",
    "active, 0, 0, query.limit",
  })
  void listValidatesItsQuery(String status, int offset, int limit, String field) {
    ApiException e =
        assertThrows(ApiException.class, () -> resource.list(status, null, offset, limit));

    assertEquals(400, e.status());
    assertEquals(List.of(field), e.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void theStatusErrorListsTheApiNames() {
    ApiException e = assertThrows(ApiException.class, () -> resource.list("x", null, 0, 50));

    assertEquals(
        "must be one of [provisioning, active, suspended, deleted, purged]",
        e.errors().get(0).message());
  }

  @ParameterizedTest
  @CsvSource({"not-a-uuid", "12345"})
  void malformedIdsAre404(String id) {
    assertEquals(404, assertThrows(ApiException.class, () -> resource.get(id)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> resource.delete(id)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> resource.purge(id)).status());
  }
}
