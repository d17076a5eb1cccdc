package com.ngx.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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

  private static final String OPERATOR_KEY = "ngx_o_distribution-test-operator-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Process karaf;

  private Path home;

  @AfterEach
  void stop() throws Exception {
    if (karaf != null) {
      shutdown(home, karaf);
    }
  }

  @Test
  void firstStartSeedsDemoDataServesTheOpenApiDocumentAndRestartsWithItsData() throws Exception {
    home = unpack();
    int port = freePort();
    Files.writeString(
        home.resolve("etc/org.ops4j.pax.web.cfg"),
        "\norg.osgi.service.http.port = " + port + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    String api = "http://127.0.0.1:" + port + "/api/v1";

    karaf = start(home);
    Duration firstBoot = awaitReady(api);

    // first start: the demo tenant and its key are in the credentials file; the operator key came
    // from the environment, so none was generated
    Properties credentials = new Properties();
    try (InputStream in = Files.newInputStream(home.resolve("data/ngx-credentials.env"))) {
      credentials.load(in);
    }
    assertFalse(credentials.containsKey("NGX_OPERATOR_KEY"), credentials.toString());
    String demoKey = credentials.getProperty("NGX_DEMO_TENANT_KEY");
    assertNotNull(demoKey);
    HttpResponse<String> me = get(api + "/me", demoKey);
    assertEquals("demo", json(me).path("slug").asText(), me.statusCode() + " " + me.body());
    assertEquals(200, get(api + "/tenants", OPERATOR_KEY).statusCode());

    // the OpenAPI document parses and has every endpoint of every resource class
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(get(api + "/openapi.json", null).body());
    assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
    OpenAPI openApi = parsed.getOpenAPI();
    List<String> endpoints = endpoints();
    assertTrue(endpoints.size() >= 15, "found " + endpoints);
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
      HttpResponse<String> created =
          post(api + "/tenants", OPERATOR_KEY, "{\"slug\":\"restart-" + i + "\",\"name\":\"R" + i + "\"}");
      assertEquals(201, created.statusCode(), created.body());
      String id = json(created).path("id").asText();
      keys.add(json(post(api + "/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"k\",\"scopes\":[\"*\"]}")).path("key").asText());
    }

    shutdown(home, karaf);
    karaf = start(home);
    Duration secondBoot = awaitReady(api);
    System.out.printf(
        "DistributionIT: ready after %d ms on first start (seeding), %d ms on restart with 26 tenants%n",
        firstBoot.toMillis(), secondBoot.toMillis());
    assertTrue(secondBoot.compareTo(Duration.ofSeconds(30)) < 0, "restart took " + secondBoot);

    // data survived; no second seeding; every tenant's schema still serves
    assertEquals("demo", json(get(api + "/me", demoKey)).path("slug").asText());
    for (String key : keys) {
      assertEquals(200, get(api + "/settings", key).statusCode());
    }
    long demoTenants =
        json(get(api + "/tenants?q=demo", OPERATOR_KEY)).path("total").asLong();
    assertEquals(1, demoTenants);
  }

  /** Every "METHOD /path" served by the resource classes in the platform's bundles. */
  static List<String> endpoints() throws IOException {
    TreeSet<String> found = new TreeSet<>();
    for (String marker :
        new String[] {"com.ngx.rest.RestConstants", "com.ngx.tenant.TenantService"}) {
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
                found.add(http.value() + " " + path.replaceAll("/+", "/"));
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static Path unpack() throws IOException, InterruptedException {
    Path archive = Paths.get(System.getProperty("ngx.distribution"));
    Path target = Paths.get("target/dist-it/" + System.nanoTime());
    Files.createDirectories(target);
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "--strip-components=1", "-C", target.toString())
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    return target.toAbsolutePath();
  }

  private static Process start(Path home) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    builder.directory(home.toFile());
    builder.environment().put("NGX_OPERATOR_KEY", OPERATOR_KEY);
    builder.environment().put("NGX_DEMO", "true");
    builder.redirectErrorStream(true);
    builder.redirectOutput(home.resolve("console.log").toFile());
    return builder.start();
  }

  /** Stops Karaf as an operator would (bin/stop) and waits for the process to end. */
  private static void shutdown(Path home, Process process) throws Exception {
    new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile()).inheritIO().start().waitFor();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("Karaf did not stop within 60 s");
    }
  }

  private static Duration awaitReady(String api) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        if (get(api + "/health/ready", null).statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("not ready within 120 s");
  }

  private static HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String key, String body) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
