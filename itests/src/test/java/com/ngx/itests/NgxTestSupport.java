package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureSecurity;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The base of every product test: boots the real NGX distribution once per suite (on H2, or on a
 * fresh PostgreSQL database when {@code ngx.it.db=postgres}), and gives tests an HTTP client,
 * the Karaf shell, and tenant fixtures. Test methods run inside the container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public abstract class NgxTestSupport {

  /** The operator key configured for the tests (etc/com.ngx.tenant.cfg). */
  protected static final String OPERATOR_KEY = "ngx_o_integration-tests-operator-key";

  static final String PORT = "ngx.it.http.port";
  static final String DB = "ngx.it.db";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static volatile boolean ready;

  @Inject protected BundleContext bundleContext;
  @Inject protected SessionFactory sessionFactory;

  private static Option[] options;
  /** System property: the absolute path of the repository's bundles/ folder. */
  protected static final String BUNDLES = "ngx.it.bundles";

  /** The container's options, computed once per JVM: Pax Exam asks once per test class. */
  @org.ops4j.pax.exam.Configuration
  public Option[] config() throws SQLException {
    synchronized (NgxTestSupport.class) {
      if (options == null) {
        options = createOptions();
      }
      return options;
    }
  }

  private static Option[] createOptions() throws SQLException {
    String port = Integer.toString(freePort());
    String karafVersion = System.getProperty("karaf.version", "4.4.10");
    String db = System.getProperty(DB, "h2");
    List<Option> options = new ArrayList<>();
    options.add(
        karafDistributionConfiguration()
            .frameworkUrl(new File(System.getProperty("ngx.distribution")).toURI().toString())
            .name("NGX")
            .unpackDirectory(new File("target/exam"))
            .useDeployFolder(false));
    options.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
    options.add(configureSecurity().disableKarafMBeanServerBuilder());
    options.add(logLevel(Boolean.getBoolean("ngx.it.keep") ? LogLevel.INFO : LogLevel.WARN));
    options.add(systemTimeout(180_000));
    if (Boolean.getBoolean("ngx.it.keep")) {
      options.add(keepRuntimeFolder());
    }
    options.add(editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port));
    options.add(editConfigurationFilePut("etc/com.ngx.tenant.cfg", "operatorKeys", OPERATOR_KEY));
    // tenant schemas migrate lazily here; ProvisioningRollbackIT adds a broken module for a moment
    options.add(editConfigurationFilePut("etc/com.ngx.persistence.cfg", "backgroundMigrationDelaySeconds", "300"));
    options.add(editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"));
    // billing: the movable test clock, and runs only on demand
    options.add(editConfigurationFilePut("etc/system.properties", "ngx.billing.testClock", "true"));
    options.add(editConfigurationFilePut("etc/com.ngx.billing.cfg", "runIntervalSeconds", "0"));
    String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo));
    options.add(systemProperty(PORT).value(port));
    options.add(systemProperty(DB).value(db));
    // the first-party plugins, which tests inside the container publish through the marketplace
    options.add(systemProperty(BUNDLES).value(java.nio.file.Paths.get("../bundles").toAbsolutePath().normalize().toString()));
    if ("postgres".equals(db)) {
      String url = freshPostgresDatabase();
      String cfg = "etc/org.ops4j.datasource-ngx.cfg";
      options.add(editConfigurationFilePut(cfg, "osgi.jdbc.driver.class", "org.postgresql.Driver"));
      options.add(editConfigurationFilePut(cfg, "url", url));
      options.add(editConfigurationFilePut(cfg, "user", System.getProperty("ngx.it.pg.user")));
      options.add(editConfigurationFilePut(cfg, "password", System.getProperty("ngx.it.pg.password")));
    }
    // what bin/karaf passes to Java 17
    String[] vm = {
      "--add-reads=java.xml=java.logging",
      "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
      "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
      "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
      "--add-opens", "java.base/java.security=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
      "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
      "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
      "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
      "-Xmx1g"
    };
    for (String option : vm) {
      options.add(new VMOption(option));
    }
    return options.toArray(new Option[0]);
  }

  @org.ops4j.pax.exam.ProbeBuilder
  public TestProbeBuilder probe(TestProbeBuilder probe) {
    probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
    return probe;
  }

  /** Creates a database of its own for this run, dropping those earlier runs left behind. */
  private static String freshPostgresDatabase() throws SQLException {
    String admin = System.getProperty("ngx.it.pg.url");
    String user = System.getProperty("ngx.it.pg.user");
    String password = System.getProperty("ngx.it.pg.password");
    String name = "ngx_it_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(admin, user, password);
        Statement s = c.createStatement()) {
      List<String> old = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("select datname from pg_database where datname like 'ngx\\_it\\_%'")) {
        while (rs.next()) {
          old.add(rs.getString(1));
        }
      }
      for (String db : old) {
        s.execute("drop database if exists " + db);
      }
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new SQLException(
          "The PostgreSQL itests need a server at " + admin + " (user " + user
              + ", allowed to create databases); .ci/run sets one up. " + e.getMessage(), e);
    }
    return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Before
  public void awaitReady() {
    if (!ready) {
      await(
          Duration.ofSeconds(120),
          "the platform to be ready",
          () -> call("GET", "/health/ready", null, null).status() == 200);
      ready = true;
    }
  }

  // ---- HTTP ----

  /** An HTTP exchange's outcome. */
  protected record Reply(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + response.body(), e);
      }
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    /** Asserts the status, showing the body when it differs. */
    Reply expect(int expected) {
      assertEquals("HTTP status of " + response.request().method() + " " + response.request().uri()
          + ", body: " + response.body(), expected, status);
      return this;
    }

    /** Asserts an RFC 9457 problem with this status, and returns its JSON. */
    JsonNode problem(int expected) {
      expect(expected);
      assertEquals("application/problem+json", header("Content-Type").orElse("").split(";")[0]);
      JsonNode json = json();
      assertEquals(expected, json.path("status").asInt());
      assertTrue("problem has a title", json.hasNonNull("title"));
      return json;
    }
  }

  protected static String base() {
    return "http://127.0.0.1:" + System.getProperty(PORT) + "/api/v1";
  }

  protected static Reply call(String method, String path, String key, String json) {
    return send(method, path, key, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  protected static Reply send(String method, String path, String key, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  protected static Reply get(String path, String key) {
    return call("GET", path, key, null);
  }

  // ---- fixtures ----

  /** A slug no other test uses. */
  protected static String unique(String prefix) {
    StringBuilder s = new StringBuilder(prefix).append('-');
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }

  /** Provisions a tenant through the API and returns its JSON. */
  protected static JsonNode provision(String slug) {
    return call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"Tenant " + slug + "\"}")
        .expect(201)
        .json();
  }

  /** Creates an API key for the tenant (as the operator) and returns its secret. */
  protected static String key(String tenantId, String... scopes) {
    String list = scopes.length == 0 ? "\"*\"" : "\"" + String.join("\",\"", scopes) + "\"";
    return call("POST", "/tenants/" + tenantId + "/api-keys", OPERATOR_KEY, "{\"name\":\"it\",\"scopes\":[" + list + "]}")
        .expect(201)
        .json()
        .path("key")
        .asText();
  }

  // ---- shell ----

  /** Runs a Karaf shell command as an admin and returns what it printed. */
  protected String shell(String command) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
    Subject subject = new Subject();
    subject.getPrincipals().add(new UserPrincipal("itest"));
    subject.getPrincipals().add(new RolePrincipal("admin"));
    try {
      Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
    } finally {
      out.flush();
      session.close();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  // ---- waiting ----

  /** Polls the condition until it holds, failing after the deadline. */
  protected static void await(Duration deadline, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < end) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (AssertionError | RuntimeException e) {
        last = e instanceof AssertionError a ? a : new AssertionError(e);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Timed out after " + deadline + " waiting for " + what, last);
  }
}
