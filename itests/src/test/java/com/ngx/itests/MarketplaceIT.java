package com.ngx.itests;

import static com.ngx.itests.RunningDistribution.OPERATOR_KEY;
import static com.ngx.itests.RunningDistribution.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.marketplace.testkit.TestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marketplace end to end on the real distribution, over HTTP: publish → certify → install for
 * tenant A → A uses it (B gets 404) → upgrade to a broken version → automatic rollback → restart →
 * still on the good version → uninstall with purge → bundle gone; Karaf is never restarted except
 * for the deliberate restart. Also publishes the first-party plugins of {@code bundles/} through the
 * whole pipeline.
 */
class MarketplaceIT {
  private static RunningDistribution ngx;
  private static final TestSigner ACME = TestSigner.generate("CN=Acme Plugins, O=Acme, C=US");

  @BeforeAll
  static void start() throws Exception {
    ngx = RunningDistribution.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ngx != null) {
      ngx.close();
    }
  }

  /** Lets other test classes use these helpers against their own distribution. */
  static void ngxFor(RunningDistribution other) {
    ngx = other;
  }

  /** A publisher created by the operator, with its key. */
  record Publisher(String id, String key) {}

  static Publisher publisher(String name, String pem) throws Exception {
    JsonNode p = expect(201, ngx.post("/publishers", OPERATOR_KEY,
        "{\"name\":\"" + name + "\",\"email\":\"dev@" + name.toLowerCase().replace(' ', '-') + ".example\"}"));
    Publisher pub = new Publisher(p.path("id").asText(), p.path("apiKey").asText());
    expect(201, ngx.send("POST", "/publishers/" + pub.id() + "/certificates", pub.key(), "application/x-pem-file",
        pem.getBytes()));
    return pub;
  }

  static String listing(Publisher p, String pluginId, String category, String pricing) throws Exception {
    return expect(201, ngx.post("/listings", p.key(), "{\"pluginId\":\"" + pluginId + "\",\"name\":\"" + pluginId
        + "\",\"summary\":\"Test add-on " + pluginId + "\",\"category\":\"" + category + "\",\"pricing\":" + pricing
        + "}")).path("id").asText();
  }

  /** Uploads a version and waits for certification to end; returns the version document. */
  static JsonNode upload(Publisher p, String listingId, byte[] jar) throws Exception {
    return upload(p, listingId, jar, "application/java-archive");
  }

  static JsonNode upload(Publisher p, String listingId, byte[] jar, String type) throws Exception {
    JsonNode accepted = expect(202, ngx.send("POST", "/listings/" + listingId + "/versions", p.key(), type, jar));
    assertEquals("certifying", accepted.path("status").asText());
    String version = accepted.path("version").asText();
    JsonNode[] last = new JsonNode[1];
    RunningDistribution.await(Duration.ofSeconds(90), "certification of " + version, () -> {
      try {
        last[0] = expect(200, ngx.get("/listings/" + listingId + "/versions/" + version, p.key()));
        return !"certifying".equals(last[0].path("status").asText());
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return last[0];
  }

  static String tenantKey(String slug) throws Exception {
    String id = expect(201, ngx.post("/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"))
        .path("id").asText();
    return expect(201, ngx.post("/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"it\",\"scopes\":[\"*\"]}"))
        .path("key").asText();
  }

  static boolean hasRule(JsonNode version, String rule) {
    return StreamSupport.stream(version.path("report").path("findings").spliterator(), false)
        .anyMatch(f -> rule.equals(f.path("rule").asText()) && "error".equals(f.path("severity").asText()));
  }

  @Test
  void publishCertifyInstallUseUpgradeRollBackRestartUninstall() throws Exception {
    long pid = ngx.pid();
    Publisher acme = publisher("Acme Plugins", ACME.pem());
    String listing = listing(acme, "acme-quotes", "module", "{\"model\":\"monthly\",\"priceMinor\":999,\"currency\":\"USD\"}");

    // publish → certify
    JsonNode v1 = upload(acme, listing, Plugins.hello("acme-quotes", "1.0.0", 0, ACME));
    assertEquals("published", v1.path("status").asText(), v1.toString());
    assertTrue(v1.path("report").path("findings").isArray());
    assertEquals("[1.0.0,2.0.0)", v1.path("apiRange").asText(), v1.toString());

    // the catalog shows it to tenants
    String a = tenantKey("mkt-a-" + suffix());
    String b = tenantKey("mkt-b-" + suffix());
    JsonNode catalog = expect(200, ngx.get("/catalog?q=acme", a));
    assertEquals(listing, catalog.path("items").path(0).path("id").asText(), catalog.toString());

    // dry-run plan: one bundle to install, nothing refreshed
    JsonNode plan = expect(200, ngx.post("/installations/plan", a, "{\"listingId\":\"" + listing + "\"}"));
    assertTrue(plan.path("runtime").path("allowed").asBoolean(), plan.toString());
    assertEquals(1, plan.path("runtime").path("install").size(), plan.toString());
    assertEquals(0, plan.path("runtime").path("refresh").size(), plan.toString());

    // install for A and use it; B gets 404
    JsonNode installed = expect(201, ngx.post("/installations", a, "{\"listingId\":\"" + listing + "\"}"));
    String installation = installed.path("id").asText();
    assertEquals("active", installed.path("status").asText());
    assertEquals("paid", installed.path("entitlement").asText());
    JsonNode hello = expect(200, ngx.get("/plugins/acme-quotes/hello", a));
    assertEquals("1.0.0", hello.path("version").asText());
    expect(404, ngx.get("/plugins/acme-quotes/hello", b));
    expect(404, ngx.get("/installations/" + installation, b));

    // the monthly charge is in the publisher's statement, split 80/20
    String period = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
    JsonNode statement = expect(200, ngx.get("/publishers/" + acme.id() + "/statements/" + period + "?basis=accrued", acme.key()));
    assertEquals(999, statement.path("totals").path(0).path("grossMinor").asLong(), statement.toString());
    assertEquals(799, statement.path("totals").path(0).path("publisherMinor").asLong(), statement.toString());
    assertEquals(200, statement.path("totals").path(0).path("platformMinor").asLong(), statement.toString());
    String csv = ngx.get("/publishers/" + acme.id() + "/statements/" + period + ".csv?basis=accrued", acme.key()).body();
    assertTrue(csv.contains(",9.99,USD,8000,7.99,2.00"), csv);
    // next month's run charges the monthly fee once, however often it runs
    String next = java.time.YearMonth.parse(period).plusMonths(1).toString();
    assertEquals(1, expect(200, ngx.post("/marketplace/charges/run", OPERATOR_KEY, "{\"period\":\"" + next + "\"}"))
        .path("charges").asInt());
    assertEquals(0, expect(200, ngx.post("/marketplace/charges/run", OPERATOR_KEY, "{\"period\":\"" + next + "\"}"))
        .path("charges").asInt());
    // a refund reverses the charge and the publisher's share
    String charge = statement.path("entries").path(0).path("id").asText();
    expect(200, ngx.post("/marketplace/ledger/" + charge + "/refund", OPERATOR_KEY, "{\"reason\":\"goodwill\"}"));
    expect(409, ngx.post("/marketplace/ledger/" + charge + "/refund", OPERATOR_KEY, "{}"));
    JsonNode refunded = expect(200, ngx.get("/publishers/" + acme.id() + "/statements/" + period + "?basis=accrued", acme.key()));
    long gross = 0;
    long publisherPart = 0;
    for (JsonNode e : refunded.path("entries")) {
      gross += e.path("amountMinor").asLong();
      publisherPart += e.path("publisherAmountMinor").asLong();
    }
    assertEquals(refunded.path("totals").path(0).path("grossMinor").asLong(), gross, refunded.toString());
    assertEquals(refunded.path("totals").path(0).path("publisherMinor").asLong(), publisherPart);
    // another publisher cannot read this statement
    Publisher other = publisher("Other " + suffix(), ACME.pem());
    expect(404, ngx.get("/publishers/" + acme.id() + "/statements/" + period, other.key()));

    // upgrade to a version that certifies but then breaks: rolled back automatically
    long breaksAt = System.currentTimeMillis() + 25_000;
    JsonNode v2 = upload(acme, listing, Plugins.hello("acme-quotes", "1.1.0", breaksAt, ACME));
    assertEquals("published", v2.path("status").asText(), v2.toString());
    RunningDistribution.await(Duration.ofSeconds(60), "version 1.1.0's health check to break",
        () -> System.currentTimeMillis() > breaksAt + 500);
    JsonNode failed = expect(409, ngx.post("/installations/" + installation + "/upgrade", a, "{\"version\":\"1.1.0\"}"));
    assertTrue(failed.path("detail").asText().contains("rolled back to 1.0.0"), failed.toString());
    JsonNode after = expect(200, ngx.get("/installations/" + installation, a));
    assertEquals("1.0.0", after.path("version").asText());
    assertEquals("active", after.path("status").asText());
    assertEquals("1.0.0", expect(200, ngx.get("/plugins/acme-quotes/hello", a)).path("version").asText());
    assertEquals(pid, ngx.pid(), "Karaf was never restarted");

    // restart: still on the good version, still serving
    ngx.stop();
    ngx.boot();
    assertEquals("1.0.0", expect(200, ngx.get("/installations/" + installation, a)).path("version").asText());
    RunningDistribution.await(Duration.ofSeconds(30), "the plugin to serve after the restart", () -> {
      try {
        return ngx.get("/plugins/acme-quotes/hello", a).statusCode() == 200;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    long restartedPid = ngx.pid();

    // a good upgrade, then a manual rollback to the earlier version
    JsonNode v3 = upload(acme, listing, Plugins.hello("acme-quotes", "1.2.0", 0, ACME));
    assertEquals("published", v3.path("status").asText(), v3.toString());
    assertEquals("1.2.0", expect(200, ngx.post("/installations/" + installation + "/upgrade", a,
        "{\"version\":\"1.2.0\"}")).path("version").asText());
    assertEquals("1.2.0", expect(200, ngx.get("/plugins/acme-quotes/hello", a)).path("version").asText());
    assertEquals("1.0.0", expect(200, ngx.post("/installations/" + installation + "/rollback", a,
        "{\"version\":\"1.0.0\"}")).path("version").asText());
    assertEquals("1.0.0", expect(200, ngx.get("/plugins/acme-quotes/hello", a)).path("version").asText());

    // B installs, uses, and uninstalls exporting its data: A is untouched
    String bInstallation = expect(201, ngx.post("/installations", b, "{\"listingId\":\"" + listing + "\"}"))
        .path("id").asText();
    assertEquals(ngx.get("/plugins/acme-quotes/hello", b).statusCode(), 200);
    JsonNode exported = expect(200, ngx.send("DELETE", "/installations/" + bInstallation + "?data=export", b, null, null));
    assertEquals("GET", exported.path("export").path("last").asText(), exported.toString());
    expect(200, ngx.get("/plugins/acme-quotes/hello", a));

    // uninstall with purge: the bundle leaves the runtime, the endpoint is gone
    expect(204, ngx.send("DELETE", "/installations/" + installation + "?data=purge", a, null, null));
    JsonNode runtime = expect(200, ngx.get("/marketplace/runtime", OPERATOR_KEY));
    assertFalse(runtime.path("bundles").toString().contains("acme-quotes"), runtime.toString());
    expect(404, ngx.get("/plugins/acme-quotes/hello", a));
    expect(404, ngx.get("/installations/" + installation, a));
    assertEquals(restartedPid, ngx.pid());
  }

  @Test
  void firstPartyPluginsGoThroughTheWholePipeline() throws Exception {
    Path signing = Paths.get("../bundles/target/signing/ngx-labs.pem");
    Publisher labs = publisher("NGX Labs " + suffix(), Files.readString(signing));
    String tenant = tenantKey("mkt-fp-" + suffix());

    String pricing = listing(labs, "pricing-calculator", "module", "{\"model\":\"free\"}");
    JsonNode pv = upload(labs, pricing, Files.readAllBytes(jar("com.ngx.skill.pricing")));
    assertEquals("published", pv.path("status").asText(), pv.toString());
    String pi = expect(201, ngx.post("/installations", tenant, "{\"listingId\":\"" + pricing + "\"}")).path("id").asText();
    JsonNode quote = expect(200, ngx.get("/plugins/pricing-calculator/quote?seats=10", tenant));
    assertEquals(10, quote.path("seats").asInt(), quote.toString());
    // its settings form comes from its Metatype, and settings are validated against it
    JsonNode settings = expect(200, ngx.get("/installations/" + pi + "/settings", tenant));
    assertTrue(settings.path("schema").toString().contains("unitPriceMinor"), settings.toString());
    JsonNode bad = expect(400, ngx.send("PUT", "/installations/" + pi + "/settings", tenant, "application/json",
        "{\"unitPriceMinor\":\"lots\"}".getBytes()));
    assertEquals("settings.unitPriceMinor", bad.path("errors").path(0).path("field").asText(), bad.toString());

    String webhook = listing(labs, "webhook-lead-sink", "integration",
        "{\"model\":\"per-usage\",\"price\":\"0.25\",\"unit\":\"lead\"}");
    JsonNode wv = upload(labs, webhook, Files.readAllBytes(jar("com.ngx.integration.webhook")));
    assertEquals("published", wv.path("status").asText(), wv.toString());
    String wi = expect(201, ngx.post("/installations", tenant, "{\"listingId\":\"" + webhook + "\"}")).path("id").asText();
    JsonNode missing = expect(200, ngx.get("/installations/" + wi, tenant));
    assertTrue(missing.path("missingSettings").toString().contains("url"), missing.toString());

    // reviews only from tenants who installed it
    expect(201, ngx.post("/catalog/" + pricing + "/reviews", tenant, "{\"rating\":5,\"title\":\"Great\"}"));
    String stranger = tenantKey("mkt-st-" + suffix());
    expect(403, ngx.post("/catalog/" + pricing + "/reviews", stranger, "{\"rating\":1}"));
    JsonNode page = expect(200, ngx.get("/catalog/" + pricing, stranger));
    assertEquals(1, page.path("item").path("reviews").asInt(), page.toString());
    assertEquals(1, page.path("item").path("installs").asInt(), page.toString());
  }

  @Test
  void aKarAddOnShipsItsOwnLibraryIsolatedPerVersion() throws Exception {
    Publisher acme = publisher("Acme Kar " + suffix(), ACME.pem());
    String listing = listing(acme, "acme-shout", "module", "{\"model\":\"free\"}");
    String tenant = tenantKey("mkt-kar-" + suffix());
    byte[] library = ACME.sign(stripped(com.ngx.marketplace.testkit.PluginJar.plugin("lib")
        .removeHeader("NGX-Plugin-Id").removeHeader("NGX-Plugin-Name").removeHeader("NGX-Plugin-Category")
        .removeHeader("Import-Package")
        .header("Bundle-SymbolicName", "com.acme.textlib")
        .version("1.0.0")
        .header("Export-Package", "com.acme.textlib;version=\"1.0.0\"")
        .source("com.acme.textlib.Shout", "package com.acme.textlib;\n"
            + "public final class Shout { public static String up(String s) {"
            + " return s.toUpperCase(java.util.Locale.ROOT) + \"!\"; } }\n")
        .bytes(), "no/such/"));

    JsonNode v1 = upload(acme, listing, kar(shoutPlugin("1.0.0"), library), "application/zip");
    assertEquals("published", v1.path("status").asText(), v1.toString());
    assertTrue(v1.path("report").toString().contains("kar.bundles"), v1.toString());
    String installation = expect(201, ngx.post("/installations", tenant, "{\"listingId\":\"" + listing + "\"}"))
        .path("id").asText();
    assertEquals("HI!", expect(200, ngx.get("/plugins/acme-shout/shout?text=hi", tenant)).path("text").asText());
    JsonNode runtime = expect(200, ngx.get("/marketplace/runtime", OPERATOR_KEY));
    assertTrue(runtime.path("bundles").toString().contains("com.acme.textlib"), runtime.toString());

    // a new version with the same library: both copies live side by side during the upgrade
    JsonNode v2 = upload(acme, listing, kar(shoutPlugin("1.1.0"), library), "application/zip");
    assertEquals("published", v2.path("status").asText(), v2.toString());
    assertEquals("1.1.0", expect(200, ngx.post("/installations/" + installation + "/upgrade", tenant,
        "{\"version\":\"1.1.0\"}")).path("version").asText());
    assertEquals("HI!", expect(200, ngx.get("/plugins/acme-shout/shout?text=hi", tenant)).path("text").asText());

    expect(204, ngx.send("DELETE", "/installations/" + installation + "?data=purge", tenant, null, null));
    runtime = expect(200, ngx.get("/marketplace/runtime", OPERATOR_KEY));
    assertFalse(runtime.path("bundles").toString().contains("acme"), runtime.toString());
  }

  /** A plugin whose web resource calls a library it does not contain (the KAR ships it). */
  static byte[] shoutPlugin(String version) throws Exception {
    byte[] withLibrary = Plugins.web("acme-shout", version,
            "    if (r.path().equals(\"/shout\")) { return WebResponse.json(200, \"{\\\"text\\\":\\\"\" "
                + "+ com.acme.textlib.Shout.up(r.queryParam(\"text\")) + \"\\\"}\"); }", "")
        .header("Import-Package", "com.acme.textlib;version=\"[1.0,2)\",com.ngx.api.web;version=\"[1.0,2)\","
            + "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.tenant;version=\"[1.0,2)\","
            + "com.ngx.api.health;version=\"[1.0,2)\"")
        .source("com.acme.textlib.Shout", "package com.acme.textlib;\n"
            + "public final class Shout { public static String up(String s) { return s; } }\n")
        .bytes();
    // compiled against the library, shipped without it
    return ACME.sign(stripped(withLibrary, "com/acme/textlib/"));
  }

  /** The jar without the entries under {@code prefix}. */
  static byte[] stripped(byte[] jar, String prefix) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar));
        var zip = new java.util.jar.JarOutputStream(out, in.getManifest())) {
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (!e.getName().startsWith(prefix)) {
          zip.putNextEntry(new java.util.jar.JarEntry(e.getName()));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    }
    return out.toByteArray();
  }

  /** A Karaf archive holding the bundles in Maven layout. */
  static byte[] kar(byte[] plugin, byte[] library) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("repository/com/acme/textlib/1.0.0/textlib-1.0.0.jar"));
      zip.write(library);
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry("repository/com/acme/acme-shout/1/acme-shout.jar"));
      zip.write(plugin);
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  static Path jar(String artifactId) throws Exception {
    Path dir = Paths.get("../bundles/" + artifactId + "/target");
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(artifactId + "-[0-9].*(?<!sources|tests)\\.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("no jar in " + dir + "; build bundles/ first"));
    }
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
