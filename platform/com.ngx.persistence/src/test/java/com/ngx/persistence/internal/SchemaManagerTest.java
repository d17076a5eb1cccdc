package com.ngx.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaManagerTest {

  private static final Map<String, List<String>> BASE =
      Map.of(
          "tenant", List.of("V1__settings.sql", "V2__locale.sql"),
          "crm", List.of("V1__contacts.sql"));

  private static Map<String, List<String>> ordered(String... moduleOrder) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String module : moduleOrder) {
      map.put(module, BASE.get(module));
    }
    return map;
  }

  @Test
  void isAStableSha256Hex() {
    String fingerprint = SchemaManager.fingerprintOf(BASE);

    assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
    assertEquals(fingerprint, SchemaManager.fingerprintOf(Map.copyOf(BASE)));
  }

  @Test
  void noModulesIsTheHashOfNothing() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        SchemaManager.fingerprintOf(Map.of()));
  }

  @Test
  void doesNotDependOnTheOrderModulesRegistered() {
    assertEquals(
        SchemaManager.fingerprintOf(ordered("tenant", "crm")),
        SchemaManager.fingerprintOf(ordered("crm", "tenant")));
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        // a module gains a script: every schema must migrate
        Arguments.of(
            Map.of(
                "tenant", List.of("V1__settings.sql", "V2__locale.sql", "V3__more.sql"),
                "crm", List.of("V1__contacts.sql"))),
        // a module with tenant migrations appears
        Arguments.of(
            Map.of(
                "tenant", List.of("V1__settings.sql", "V2__locale.sql"),
                "crm", List.of("V1__contacts.sql"),
                "billing", List.of("V1__invoices.sql"))),
        // a module goes away
        Arguments.of(Map.of("tenant", List.of("V1__settings.sql", "V2__locale.sql"))),
        // a script is renamed
        Arguments.of(
            Map.of(
                "tenant", List.of("V1__settings.sql", "V2__locales.sql"),
                "crm", List.of("V1__contacts.sql"))),
        // a script moves to another module
        Arguments.of(
            Map.of(
                "tenant", List.of("V1__settings.sql"),
                "crm", List.of("V1__contacts.sql", "V2__locale.sql"))),
        // the same script set under another module name
        Arguments.of(
            Map.of(
                "tenants", List.of("V1__settings.sql", "V2__locale.sql"),
                "crm", List.of("V1__contacts.sql"))));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void changesWhenTheSetOfScriptsChanges(Map<String, List<String>> changed) {
    assertNotEquals(SchemaManager.fingerprintOf(BASE), SchemaManager.fingerprintOf(changed));
  }
}
