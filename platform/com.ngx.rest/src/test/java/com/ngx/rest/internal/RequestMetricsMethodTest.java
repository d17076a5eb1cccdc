package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMetricsMethodTest {

  @ParameterizedTest
  @CsvSource({
    // the methods the API knows keep their name
    "GET, GET",
    "PATCH, PATCH",
    "OPTIONS, OPTIONS",
    // anything a client invents is one label, so it cannot grow the metrics without bound
    "FOO1, other",
    "get, other",
    "PROPFIND, other"
  })
  void methodLabelsAreBounded(String method, String label) {
    assertEquals(label, RequestMetrics.method(method));
  }
}
