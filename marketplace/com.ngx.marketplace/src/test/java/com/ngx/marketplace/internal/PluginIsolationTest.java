package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginIsolationTest {

  @ParameterizedTest
  @CsvSource(
      value = {
        // platform bundles belong to no add-on
        "mvn:com.ngx/com.ngx.tenant/1.0, NULL",
        // a plugin bundle is its own add-on; its libraries belong to it
        "ngx-plugin:acme/1.0.0#0123456789abcdef, ngx-plugin:acme/1.0.0#0123456789abcdef",
        "ngx-plugin:acme/1.0.0#0123456789abcdef!com.acme.lib, ngx-plugin:acme/1.0.0#0123456789abcdef",
        // another version is another add-on
        "ngx-plugin:acme/1.1.0#fedcba9876543210!com.acme.lib, ngx-plugin:acme/1.1.0#fedcba9876543210",
        // trials are isolated the same way
        "ngx-trial:abc!com.acme.lib, ngx-trial:abc",
      },
      nullValues = "NULL")
  void bundlesBelongToTheAddOnOfTheirLocation(String location, String addOn) {
    assertEquals(addOn, PluginIsolation.addOn(location));
  }
}
