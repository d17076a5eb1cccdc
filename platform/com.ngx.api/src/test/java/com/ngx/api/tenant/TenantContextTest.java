package com.ngx.api.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantContextTest {

  private static final UUID ID = UUID.fromString("6f1c2a9e-0d7b-4c55-9e43-1f0a2b3c4d5e");

  @Test
  void bothPartsAreRequired() {
    NullPointerException noId =
        assertThrows(NullPointerException.class, () -> new TenantContext(null, "acme"));
    NullPointerException noSlug =
        assertThrows(NullPointerException.class, () -> new TenantContext(ID, null));

    // the message names the missing part
    assertEquals("id", noId.getMessage());
    assertEquals("slug", noSlug.getMessage());
  }

  @Test
  void equalByValue() {
    assertEquals(new TenantContext(ID, "acme"), new TenantContext(ID, "acme"));
    assertNotEquals(new TenantContext(ID, "acme"), new TenantContext(ID, "globex"));
    assertNotEquals(new TenantContext(ID, "acme"), new TenantContext(UUID.randomUUID(), "acme"));
  }
}
