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

  private static org.osgi.framework.Bundle bundle(long id, String location) {
    return (org.osgi.framework.Bundle)
        java.lang.reflect.Proxy.newProxyInstance(
            PluginIsolationTest.class.getClassLoader(),
            new Class<?>[] {org.osgi.framework.Bundle.class},
            (proxy, method, args) -> switch (method.getName()) {
              case "getBundleId" -> id;
              case "getLocation" -> location;
              case "equals" -> proxy == args[0];
              case "hashCode" -> (int) id;
              default -> null;
            });
  }

  @org.junit.jupiter.api.Test
  void servicesAreVisibleOnlyWithinTheirSide() {
    var framework = bundle(0, "System Bundle");
    var tenant = bundle(20, "mvn:com.ngx/com.ngx.tenant/1");
    var rest = bundle(21, "mvn:com.ngx/com.ngx.rest/1");
    var marketplace = bundle(22, "mvn:com.ngx/com.ngx.marketplace/1");
    var acme = bundle(100, "ngx-plugin:acme/1.0.0#0123456789abcdef");
    var acmeLib = bundle(101, "ngx-plugin:acme/1.0.0#0123456789abcdef!com.acme.lib");
    var acme2 = bundle(102, "ngx-plugin:acme/1.1.0#fedcba9876543210");
    var evil = bundle(103, "ngx-plugin:evil/1.0.0#aaaaaaaaaaaaaaaa");
    // platform bundles see each other; plugins see neither them nor each other
    org.junit.jupiter.api.Assertions.assertTrue(PluginIsolation.visible(rest, tenant, marketplace));
    org.junit.jupiter.api.Assertions.assertFalse(PluginIsolation.visible(acme, tenant, marketplace));
    org.junit.jupiter.api.Assertions.assertFalse(PluginIsolation.visible(evil, acme, marketplace));
    org.junit.jupiter.api.Assertions.assertFalse(PluginIsolation.visible(acme2, acme, marketplace));
    // an add-on sees its own services, its libraries' too
    org.junit.jupiter.api.Assertions.assertTrue(PluginIsolation.visible(acme, acme, marketplace));
    org.junit.jupiter.api.Assertions.assertTrue(PluginIsolation.visible(acme, acmeLib, marketplace));
    // of the platform, only the marketplace (and the framework) sees plugins' services
    org.junit.jupiter.api.Assertions.assertTrue(PluginIsolation.visible(marketplace, acme, marketplace));
    org.junit.jupiter.api.Assertions.assertFalse(PluginIsolation.visible(rest, acme, marketplace));
    org.junit.jupiter.api.Assertions.assertTrue(PluginIsolation.visible(framework, acme, marketplace));
  }
}
