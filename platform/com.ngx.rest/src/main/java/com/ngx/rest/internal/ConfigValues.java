package com.ngx.rest.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Multi-valued settings: a {@code .cfg} file gives {@code a, b} as one string. */
final class ConfigValues {
  private ConfigValues() {}

  static Set<String> list(String[] values) {
    return Arrays.stream(values == null ? new String[0] : values)
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
