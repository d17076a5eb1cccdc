package com.ngx.itests;

import static com.ngx.itests.RunningDistribution.OPERATOR_KEY;
import static com.ngx.itests.RunningDistribution.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.ws.rs.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The product as an operator gets it: the distribution archive unpacked, {@code bin/karaf}
 * started as a process (as the README's first command does), used over HTTP from outside, stopped
 * and started again.
 */
class DistributionIT {

  private RunningDistribution ngx;

  @AfterEach
  void stop() throws Exception {
    if (ngx != null) {
      ngx.close();
    }
  }

  @Test
  void firstStartSeedsDemoDataServesTheOpenApiDocumentAndRestartsWithItsData() throws Exception {
    long begin = System.nanoTime();
    ngx = RunningDistribution.start(true);
    Duration firstBoot = Duration.ofNanos(System.nanoTime() - begin);

    // first start: the demo tenant and its key are in the credentials file; the operator key came
    // from the environment, so none was generated
    Properties credentials = new Properties();
    try (InputStream in = Files.newInputStream(ngx.home.resolve("data/ngx-credentials.env"))) {
      credentials.load(in);
    }
    assertFalse(credentials.containsKey("NGX_OPERATOR_KEY"), credentials.toString());
    String demoKey = credentials.getProperty("NGX_DEMO_TENANT_KEY");
    assertNotNull(demoKey);
    assertEquals("demo", expect(200, ngx.get("/me", demoKey)).path("slug").asText());
    expect(200, ngx.get("/tenants", OPERATOR_KEY));

    // the OpenAPI document parses and has every endpoint of every resource class
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(ngx.get("/openapi.json", null).body());
    assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
    OpenAPI openApi = parsed.getOpenAPI();
    List<String> endpoints = endpoints();
    assertTrue(endpoints.size() >= 40, "found " + endpoints);
    for (String endpoint : endpoints) {
      String[] parts = endpoint.split(" ", 2);
      PathItem item = openApi.getPaths().get(parts[1]);
      assertNotNull(item, "no path " + parts[1] + " in the OpenAPI document");
      assertNotNull(item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0])), "no " + endpoint);
    }
    assertNotNull(openApi.getComponents().getSecuritySchemes().get("bearer"));

    // tenants provisioned before a restart
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String id = expect(201, ngx.post("/tenants", OPERATOR_KEY, "{\"slug\":\"restart-" + i + "\",\"name\":\"R" + i + "\"}"))
          .path("id").asText();
      keys.add(expect(201, ngx.post("/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"k\",\"scopes\":[\"*\"]}"))
          .path("key").asText());
    }

    ngx.stop();
    Duration secondBoot = ngx.boot();
    System.out.printf(
        "DistributionIT: ready after %d ms on first start (seeding), %d ms on restart with 26 tenants%n",
        firstBoot.toMillis(), secondBoot.toMillis());
    assertTrue(secondBoot.compareTo(Duration.ofSeconds(30)) < 0, "restart took " + secondBoot);

    // data survived; no second seeding; every tenant's schema still serves
    assertEquals("demo", expect(200, ngx.get("/me", demoKey)).path("slug").asText());
    for (String key : keys) {
      expect(200, ngx.get("/settings", key));
    }
    assertEquals(1, expect(200, ngx.get("/tenants?q=demo", OPERATOR_KEY)).path("total").asLong());
  }

  /** Every "METHOD /path" served by the resource classes in the platform's bundles. */
  static List<String> endpoints() throws IOException {
    TreeSet<String> found = new TreeSet<>();
    for (String marker :
        new String[] {"com.ngx.rest.RestConstants", "com.ngx.tenant.TenantService", "com.ngx.marketplace.PluginHost"}) {
      Path jar;
      try {
        jar = Paths.get(Class.forName(marker).getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
        throw new IOException(e);
      }
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (!name.endsWith(".class") || name.contains("$")) {
            continue;
          }
          Class<?> type;
          try {
            type = Class.forName(name.replace('/', '.').replace(".class", ""), false, DistributionIT.class.getClassLoader());
          } catch (ClassNotFoundException | LinkageError e) {
            continue;
          }
          javax.ws.rs.Path root = type.getAnnotation(javax.ws.rs.Path.class);
          if (root == null) {
            continue;
          }
          for (Method m : type.getMethods()) {
            for (Annotation a : m.getAnnotations()) {
              HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
              if (http != null) {
                javax.ws.rs.Path sub = m.getAnnotation(javax.ws.rs.Path.class);
                String path = "/" + root.value() + (sub == null ? "" : "/" + sub.value());
                // a template parameter with a regular expression ({path: .*}) is just {path} in OpenAPI
                found.add(http.value() + " " + path.replaceAll("/+", "/").replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(found);
  }
}
