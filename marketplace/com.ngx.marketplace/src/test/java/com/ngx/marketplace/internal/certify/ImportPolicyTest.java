package com.ngx.marketplace.internal.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which packages the default and an operator's import policies allow. */
class ImportPolicyTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    // the platform API and its sub-packages, nothing else of the platform
    "com.ngx.api, true",
    "com.ngx.api.plugin, true",
    "com.ngx.apix, false",
    "com.ngx, false",
    "com.ngx.tenant.internal, false",
    "com.ngx.marketplace, false",
    // the JDK: java.* always, javax.* by prefix, the system bundle's org.* packages
    "java.util, true",
    "javax.net.ssl, true",
    "javaxfoo, false",
    "org.w3c.dom, true",
    "org.w3c.dom.events, true",
    "org.w3c.domx, false",
    "org.xml.sax.helpers, true",
    "org.ietf.jgss, true",
    // OSGi, SLF4J, Jackson
    "org.osgi.framework, true",
    "org.osgi.service.component.annotations, true",
    "org.osgi.service.metatype, true",
    "org.osgi.util.tracker, true",
    "org.osgi.service.cm, false",
    "org.slf4j, true",
    "org.slf4j.event, true",
    "com.fasterxml.jackson.databind, true",
    "com.fasterxml.jackson, false",
    // anything else
    "org.apache.commons.io, false",
    "org.apache.karaf.shell.api.action, false"
  })
  void defaults(String pkg, boolean allowed) {
    assertEquals(allowed, ImportPolicy.defaults().allows(pkg));
  }

  @ParameterizedTest(name = "{1} with {0}: {2}")
  @CsvSource({
    // an operator's additions
    "'com.ngx.api,org.apache.commons.io', org.apache.commons.io, true",
    "'com.ngx.api,org.apache.commons.io', org.apache.commons.io.input, true",
    "'com.ngx.api,org.apache.', org.apache.commons.io, true",
    // but never the platform's internals
    "'com.ngx.api,com.ngx.tenant', com.ngx.tenant, false",
    "'com.ngx.', com.ngx.tenant.internal, false",
    "'com.ngx.', com.ngx.api.lead, true",
    // blanks are ignored
    "' , com.ngx.api ', com.ngx.api, true"
  })
  void custom(String prefixes, String pkg, boolean allowed) {
    assertEquals(allowed, new ImportPolicy(Arrays.asList(prefixes.split(","))).allows(pkg));
  }

  @org.junit.jupiter.api.Test
  void prefixesAreStrippedAndDeduplicated() {
    assertEquals(
        List.of("a", "b."),
        new ImportPolicy(Arrays.asList(" a", "b.", "", null, "a ")).allowedPackagePrefixes());
  }
}
