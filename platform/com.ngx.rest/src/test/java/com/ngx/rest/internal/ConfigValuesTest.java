package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValuesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // not configured at all
        Arguments.of(null, Set.of()),
        // configured as an empty array
        Arguments.of(new String[0], Set.of()),
        // a proper array, as from a .config file or the metatype UI
        Arguments.of(new String[] {"database", "tenants"}, Set.of("database", "tenants")),
        // one comma-separated string, as from a .cfg file, with spaces
        Arguments.of(new String[] {"database, tenants"}, Set.of("database", "tenants")),
        // both forms mixed, with blanks, empty items and a duplicate
        Arguments.of(
            new String[] {" database ,, ", "", "tenants,database"}, Set.of("database", "tenants")),
        // only separators
        Arguments.of(new String[] {",", " , "}, Set.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void list(String[] values, Set<String> expected) {
    assertEquals(expected, ConfigValues.list(values));
  }

  @Test
  void theListCannotBeChanged() {
    Set<String> list = ConfigValues.list(new String[] {"a"});

    assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
  }
}
