package com.ngx.itests;

import static com.ngx.itests.RunningDistribution.OPERATOR_KEY;
import static com.ngx.itests.RunningDistribution.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.marketplace.testkit.PluginJar;
import com.ngx.marketplace.testkit.TestSigner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile plugins against the real distribution: each is rejected at certification with the
 * reason in its report, or contained at run time while the platform keeps serving everyone else.
 */
class HostilePluginsIT {
  private static final TestSigner MALLORY = TestSigner.generate("CN=Mallory Plugins, O=Mallory, C=US");
  private static final TestSigner EVE = TestSigner.generate("CN=Eve, O=Someone Else, C=US");
  private static final AtomicInteger N = new AtomicInteger();
  private static RunningDistribution ngx;
  private static MarketplaceIT.Publisher mallory;

  @BeforeAll
  static void start() throws Exception {
    ngx = RunningDistribution.start(
        "com.ngx.marketplace.cfg", "callTimeoutMillis = 1500\nfailureThreshold = 3\nstartTimeoutSeconds = 8\nselfServicePublishers = true");
    MarketplaceIT.ngxFor(ngx);
    mallory = MarketplaceIT.publisher("Mallory", MALLORY.pem());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ngx != null) {
      ngx.close();
    }
  }

  /** Uploads a hostile jar for a fresh listing and returns the finished version. */
  private static JsonNode certify(String name, PluginJar jar, boolean sign, TestSigner signer) throws Exception {
    String pluginId = "evil-" + name + "-" + N.incrementAndGet();
    PluginJar j = jar;
    if (sign) {
      j = j.signedBy(signer);
    }
    String listing = MarketplaceIT.listing(mallory, pluginId, "module", "{\"model\":\"free\"}");
    return MarketplaceIT.upload(mallory, listing, j.header("NGX-Plugin-Id", pluginId).bytes());
  }

  private static void rejected(JsonNode version, String rule) {
    assertEquals("rejected", version.path("status").asText(), version.toString());
    assertTrue(MarketplaceIT.hasRule(version, rule), "expected an error " + rule + " in " + version.path("report"));
  }

  @Test
  void forbiddenApisAreRejectedAtCertification() throws Exception {
    // System.exit in the activator
    rejected(certify("exit", Plugins.web("evil-exit", "1.0.0", "", "")
        .header("Bundle-Activator", "com.acme.evil_exit.v1_0_0.Boom")
        .header("Import-Package", "org.osgi.framework;version=\"[1.9,2)\",com.ngx.api.web;version=\"[1.0,2)\","
            + "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.health;version=\"[1.0,2)\"")
        .source("com.acme.evil_exit.v1_0_0.Boom", "package com.acme.evil_exit.v1_0_0;\n"
            + "public class Boom implements org.osgi.framework.BundleActivator {\n"
            + "  public void start(org.osgi.framework.BundleContext c) { System.exit(3); }\n"
            + "  public void stop(org.osgi.framework.BundleContext c) {}\n}\n"), true, MALLORY),
        "bytecode.forbidden");
    // running a process
    rejected(certify("exec", Plugins.web("evil-exec", "1.0.0",
        "    try { Runtime.getRuntime().exec(new String[] {\"sh\", \"-c\", \"id\"}); } catch (Exception e) {}", ""),
        true, MALLORY), "bytecode.forbidden");
    // reading a file outside its data area
    rejected(certify("file", Plugins.web("evil-file", "1.0.0",
        "    try { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); } catch (Exception e) {}",
        ""), true, MALLORY), "bytecode.forbidden");
    // reflection into the platform's internals
    rejected(certify("reflect", Plugins.web("evil-reflect", "1.0.0",
        "    try { var m = Class.forName(\"com.ngx.tenant.internal.Keys\").getDeclaredMethod(\"newSecret\", String.class);"
            + " m.setAccessible(true); } catch (Exception e) {}", ""), true, MALLORY), "bytecode.forbidden");
  }

  @Test
  void theDatabaseIsOutOfReach() throws Exception {
    // straight to the platform's database with JDBC
    rejected(certify("jdbc", Plugins.web("evil-jdbc", "1.0.0",
        "    try { java.sql.DriverManager.getConnection(\"jdbc:h2:./data/ngx\", \"sa\", \"\"); } catch (Exception e) {}",
        ""), true, MALLORY), "bytecode.forbidden");
    // or through the platform's DataSource service
    rejected(certify("datasource", Plugins.web("evil-datasource", "1.0.0", "", "")
        .header("Import-Package", "javax.sql,com.ngx.api.web;version=\"[1.0,2)\","
            + "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.health;version=\"[1.0,2)\""), true, MALLORY),
        "imports.not-allowed");
  }

  @Test
  void unsignedForeignSignedAndInternalImportsAreRejected() throws Exception {
    rejected(certify("unsigned", Plugins.web("evil-unsigned", "1.0.0", "", ""), false, null), "signature.missing");
    rejected(certify("foreign", Plugins.web("evil-foreign", "1.0.0", "", ""), true, EVE), "signature.untrusted");
    rejected(certify("internal", Plugins.web("evil-internal", "1.0.0", "", "")
        .header("Import-Package", "com.ngx.tenant.internal,com.ngx.api.web;version=\"[1.0,2)\","
            + "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.health;version=\"[1.0,2)\""), true, MALLORY),
        "imports.platform-internal");
  }

  @Test
  void aPluginThatFailsToStartIsRejectedByItsTrialInstall() throws Exception {
    rejected(certify("crash", Plugins.web("evil-crash", "1.0.0", "", "")
        .header("Bundle-Activator", "com.acme.evil_crash.v1_0_0.Crash")
        .header("Import-Package", "org.osgi.framework;version=\"[1.9,2)\",com.ngx.api.web;version=\"[1.0,2)\","
            + "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.health;version=\"[1.0,2)\"")
        .source("com.acme.evil_crash.v1_0_0.Crash", "package com.acme.evil_crash.v1_0_0;\n"
            + "public class Crash implements org.osgi.framework.BundleActivator {\n"
            + "  public void start(org.osgi.framework.BundleContext c) { throw new IllegalStateException(\"no\"); }\n"
            + "  public void stop(org.osgi.framework.BundleContext c) {}\n}\n"), true, MALLORY),
        "runtime.start");
  }

  @Test
  void aHangingServiceCallIsContainedAndTheAddOnDisabledForThatTenant() throws Exception {
    // never returns and ignores interrupts (but burns no CPU)
    JsonNode v = certify("hang", Plugins.web("evil-hang", "1.0.0",
        "    if (r.path().equals(\"/hang\")) { while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } } }",
        ""), true, MALLORY);
    assertEquals("published", v.path("status").asText(), v.toString());
    String listing = v.path("listingId").asText();
    String key = MarketplaceIT.tenantKey("hang-" + MarketplaceIT.suffix());
    JsonNode inst = expect(201, ngx.post("/installations", key, "{\"listingId\":\"" + listing + "\"}"));
    String id = inst.path("id").asText();
    String plugin = inst.path("pluginId").asText();
    // each hanging call is cut off at the timeout: 502 naming the timeout; the platform keeps answering
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      JsonNode p = expect(502, ngx.get("/plugins/" + plugin + "/hang", key));
      assertTrue(p.path("detail").asText().contains("timed out"), p.toString());
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 10_000);
      expect(200, ngx.get("/health/ready", null));
    }
    // three consecutive failures: disabled for that tenant, with the reason, visible in the API
    JsonNode disabled = expect(200, ngx.get("/installations/" + id, key));
    assertEquals("disabled", disabled.path("status").asText(), disabled.toString());
    assertTrue(disabled.path("statusReason").asText().contains("consecutive failures"), disabled.toString());
    expect(404, ngx.get("/plugins/" + plugin + "/ok", key));
    JsonNode runtime = expect(200, ngx.get("/marketplace/runtime", OPERATOR_KEY));
    assertTrue(runtime.path("plugins").path(plugin).path("timeouts").asLong() >= 3, runtime.toString());
  }

  @Test
  void selfServicePublishersWaitForApproval() throws Exception {
    JsonNode signup = expect(201, ngx.post("/publishers/signup", null,
        "{\"name\":\"Newcomer " + MarketplaceIT.suffix() + "\",\"email\":\"new@comer.example\"}"));
    assertEquals("pending", signup.path("status").asText());
    String key = signup.path("apiKey").asText();
    JsonNode pending = expect(403, ngx.post("/listings", key, "{\"pluginId\":\"newcomer-x\",\"name\":\"x\","
        + "\"summary\":\"x\",\"category\":\"module\",\"pricing\":\"free\"}"));
    assertTrue(pending.path("detail").asText().contains("approval"), pending.toString());
    expect(200, ngx.post("/publishers/" + signup.path("id").asText() + "/approve", OPERATOR_KEY, null));
    expect(201, ngx.post("/listings", key, "{\"pluginId\":\"newcomer-x\",\"name\":\"x\","
        + "\"summary\":\"x\",\"category\":\"module\",\"pricing\":\"free\"}"));
    // a publisher key is not a tenant key
    expect(403, ngx.get("/installations", key));
  }
}
