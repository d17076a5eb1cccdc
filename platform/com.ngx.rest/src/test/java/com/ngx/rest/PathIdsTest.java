package com.ngx.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathIdsTest {

  @Test
  void parsesACanonicalUuid() {
    UUID id = UUID.randomUUID();

    assertEquals(id, PathIds.uuid(id.toString(), "tenant"));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // not given
        "NULL",
        // not a UUID at all
        "acme",
        // a short form that UUID.fromString would accept
        "1-2-3-4-5",
        // the right length but not hexadecimal
        "0000000g-0000-0000-0000-000000000000",
        // one character too many
        "00000000-0000-0000-0000-0000000000001",
      },
      nullValues = "NULL")
  void anythingElseIsA404(String id) {
    ApiException e = assertThrows(ApiException.class, () -> PathIds.uuid(id, "tenant"));

    assertEquals(404, e.status());
    assertEquals("No tenant " + id, e.getMessage());
  }
}
