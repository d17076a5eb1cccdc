package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.persistence.PersistenceFailure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings in a tenant's own schema, through the real persistence unit on H2. */
class SettingsStoreTest {

  private final TenantDatabase db = TenantDatabase.get();
  private final SettingsStore store = new SettingsStore(db.unit, null, db.tx);
  private String schema;
  private String otherSchema;

  @BeforeEach
  void createSchemas() {
    schema = Slugs.schemaOf(TenantDatabase.uniqueSlug("settings"));
    otherSchema = Slugs.schemaOf(TenantDatabase.uniqueSlug("other"));
    db.schemas.create(schema);
    db.schemas.create(otherSchema);
  }

  private static Map<String, String> changes(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void aNewSchemaHasNoSettings() {
    assertEquals(Map.of(), store.read(schema));
  }

  @Test
  void writeStoresAndReturnsEverySetting() {
    Map<String, String> written = store.write(schema, changes("locale", "es-MX", "currency", "MXN"));

    assertEquals(Map.of("locale", "es-MX", "currency", "MXN"), written);
    assertEquals(written, store.read(schema));
  }

  @Test
  void writeReplacesAndANullRemoves() {
    store.write(schema, changes("locale", "es-MX", "currency", "MXN", "timeZone", "UTC"));

    Map<String, String> written = store.write(schema, changes("locale", "de-CH", "currency", null));

    assertEquals(Map.of("locale", "de-CH", "timeZone", "UTC"), written);
    assertEquals(written, store.read(schema));
  }

  @Test
  void removingWhatIsNotThereIsFine() {
    assertEquals(Map.of(), store.write(schema, changes("locale", null)));
  }

  @Test
  void tenantsDoNotSeeEachOthersSettings() {
    store.write(schema, changes("locale", "es-MX"));
    store.write(otherSchema, changes("locale", "fr"));

    assertEquals(Map.of("locale", "es-MX"), store.read(schema));
    assertEquals(Map.of("locale", "fr"), store.read(otherSchema));
  }

  @Test
  void aMissingSchemaFails() {
    assertThrows(PersistenceFailure.class, () -> store.read("t_nobody_" + System.nanoTime()));
  }
}
