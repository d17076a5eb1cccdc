package com.ngx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The driver of {@code bench/plugin-bench.sh}: hot-deploys the signed pricing-calculator plugin
 * into a running distribution, over the REST API, and measures
 *
 * <ol>
 *   <li>install → first use: from sending {@code POST /installations} to the first 200 of the
 *       plugin's {@code GET /plugins/pricing-calculator/quote}, against a plain authenticated API
 *       call ({@code GET /me}) measured in the same run;
 *   <li>install/uninstall cycles: the runtime's bundles, services, loaded classes, heap and plugin
 *       threads before and after, to find leaks.
 * </ol>
 *
 * <p>Usage: {@code java -cp com.ngx.bench.jar:lib/* com.ngx.bench.PluginBench API_URL OPERATOR_KEY
 * PLUGIN_JAR PUBLISHER_PEM}, API_URL being {@code http://HOST:PORT/api/v1}. Environment:
 * {@code SAMPLES} (20), {@code CYCLES} (100), {@code WARMUP_CYCLES} (5), {@code POLL_MS} (2),
 * {@code TARGET_MS} (2000), {@code STRICT} (0). The results go to stdout, progress to stderr.
 * Exit codes: 0 done, 1 an API call failed, 3 a verdict failed with {@code STRICT=1}.
 */
public final class PluginBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLUGIN_ID = "pricing-calculator";
  private static final String QUOTE = "/plugins/" + PLUGIN_ID + "/quote?seats=10";
  /** Untimed calls of each baseline endpoint before the first sample. */
  private static final int API_WARMUP_CALLS = 100;
  /** Untimed install/uninstall cycles before the first sample. */
  private static final int INSTALL_WARMUP = 3;
  /** The most loaded classes may grow over the cycles: unloading can lag one collection. */
  private static final long CLASS_SLACK = 200;
  /** The most heap may grow over the cycles, as after/before. */
  private static final double HEAP_RATIO_LIMIT = 1.10;

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String api;
  private final String operatorKey;
  private final int pollMillis;
  private String tenantKey;
  private String listingId;
  private boolean failed;

  /** An API call that did not answer what it should have. */
  static final class BenchException extends RuntimeException {
    BenchException(String message) {
      super(message);
    }
  }

  /** One answer: status, body, and how long it took. */
  record Answer(int status, String body, long nanos) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new BenchException("not JSON (" + status + "): " + body);
      }
    }
  }

  /** What {@code GET /marketplace/runtime?gc=true} reports. */
  record Runtime(long bundles, long services, long classes, long heap, long threads, int pluginBundles) {
    static Runtime of(JsonNode j) {
      return new Runtime(j.path("frameworkBundles").asLong(), j.path("frameworkServices").asLong(),
          j.path("loadedClasses").asLong(), j.path("heapUsedBytes").asLong(), j.path("pluginThreads").asLong(),
          j.path("bundles").size());
    }

    /** Field by field, the lower of two readings (what is transient only ever adds). */
    Runtime min(Runtime o) {
      return new Runtime(Math.min(bundles, o.bundles), Math.min(services, o.services), Math.min(classes, o.classes),
          Math.min(heap, o.heap), Math.min(threads, o.threads), Math.min(pluginBundles, o.pluginBundles));
    }
  }

  private PluginBench(String api, String operatorKey, int pollMillis) {
    this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    this.operatorKey = operatorKey;
    this.pollMillis = pollMillis;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PluginBench API_URL OPERATOR_KEY PLUGIN_JAR PUBLISHER_PEM");
      System.exit(64);
    }
    int samples = env("SAMPLES", 20);
    int cycles = env("CYCLES", 100);
    int warmup = env("WARMUP_CYCLES", 5);
    long targetMs = env("TARGET_MS", 2000);
    boolean strict = env("STRICT", 0) == 1;
    PluginBench bench = new PluginBench(args[0], args[1], env("POLL_MS", 2));
    try {
      bench.setUp(Path.of(args[2]), Path.of(args[3]));
      bench.installToFirstUse(samples, targetMs);
      bench.cycles(cycles, warmup);
    } catch (BenchException e) {
      System.out.flush();
      System.err.println("plugin-bench: FAILED: " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.out.flush();
      System.err.println("plugin-bench: FAILED: " + e);
      System.exit(1);
    }
    System.exit(strict && bench.failed ? 3 : 0);
  }

  // ---------------------------------------------------------------- set-up

  /** Publisher with its certificate, listing, published version; a tenant with a key. */
  private void setUp(Path jar, Path pem) throws Exception {
    String suffix = Long.toString(System.nanoTime(), 36);
    JsonNode publisher = expect(201, send("POST", "/publishers", operatorKey,
        json(Map.of("name", "Bench Labs " + suffix, "email", "bench-" + suffix + "@example.com")))).json();
    String publisherId = publisher.path("id").asText();
    String publisherKey = publisher.path("apiKey").asText();
    expect(201, send("POST", "/publishers/" + publisherId + "/certificates", publisherKey,
        "application/x-pem-file", Files.readAllBytes(pem)));
    listingId = expect(201, send("POST", "/listings", publisherKey, json(Map.of(
        "pluginId", PLUGIN_ID, "name", "Pricing calculator (bench)", "summary", "Hot-deploy benchmark",
        "category", "module", "pricing", Map.of("model", "free"))))).json().path("id").asText();

    long t0 = System.nanoTime();
    String version = expect(202, send("POST", "/listings/" + listingId + "/versions", publisherKey,
        "application/java-archive", Files.readAllBytes(jar))).json().path("version").asText();
    JsonNode v = null;
    for (long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos(); System.nanoTime() < deadline; ) {
      v = expect(200, send("GET", "/listings/" + listingId + "/versions/" + version, publisherKey)).json();
      String status = v.path("status").asText();
      if ("published".equals(status)) {
        break;
      }
      if ("rejected".equals(status)) {
        throw new BenchException("version " + version + " was rejected: " + v.path("report"));
      }
      Thread.sleep(200);
    }
    if (v == null || !"published".equals(v.path("status").asText())) {
      throw new BenchException("version " + version + " not published after 3 minutes: " + v);
    }
    progress("listing %s, version %s certified and published in %s ms", listingId, version,
        fmt(ms(System.nanoTime() - t0)));

    String slug = "pbench" + suffix;
    String tenantId = expect(201, send("POST", "/tenants", operatorKey,
        json(Map.of("slug", slug, "name", "Plugin bench")))).json().path("id").asText();
    tenantKey = expect(201, send("POST", "/tenants/" + tenantId + "/api-keys", operatorKey,
        json(Map.of("name", "bench", "scopes", List.of("*"))))).json().path("key").asText();
    // polling the plugin without pauses must never meet the rate limiter (429)
    Answer limits = send("PATCH", "/tenants/" + tenantId, operatorKey,
        json(Map.of("limits", Map.of("ratePerSecond", 100000, "rateBurst", 1000000))));
    if (limits.status() / 100 != 2) {
      progress("warning: could not raise the tenant's rate limit: %d %s", limits.status(), limits.body());
    }
    // the new tenant's schema may still be migrating
    Answer me = null;
    for (int i = 0; i < 120 && (me == null || me.status() != 200); i++) {
      if (me != null) {
        Thread.sleep(250);
      }
      me = send("GET", "/me", tenantKey);
    }
    expect(200, me);
    progress("tenant %s ready", slug);
  }

  // ---------------------------------------------------------------- 1. install -> first use

  private void installToFirstUse(int samples, long targetMs) throws Exception {
    // warm-up of a freshly started JVM (a plain call takes ~5 ms before the JIT has seen it, ~1 ms
    // after): the baseline's paths, and untimed installs so that the first samples do not pay for
    // the first use of the marketplace's own code paths
    for (int i = 0; i < API_WARMUP_CALLS; i++) {
      expect(200, send("GET", "/me", tenantKey));
      expect(200, send("GET", "/installations", tenantKey));
    }
    for (int i = 0; i < INSTALL_WARMUP; i++) {
      cycle();
    }

    long[] firstUse = new long[samples];
    long[] installCall = new long[samples];
    long[] polls = new long[samples];
    long[] me = new long[samples];
    long[] list = new long[samples];
    for (int i = 0; i < samples; i++) {
      // the baseline, interleaved so that it sees the same machine load
      me[i] = expect(200, send("GET", "/me", tenantKey)).nanos();
      list[i] = expect(200, send("GET", "/installations", tenantKey)).nanos();

      expect(404, send("GET", QUOTE, tenantKey));
      long t0 = System.nanoTime();
      Answer installed = expect(201, send("POST", "/installations", tenantKey, json(Map.of("listingId", listingId))));
      installCall[i] = installed.nanos();
      String status = installed.json().path("status").asText();
      if (!"active".equals(status)) {
        progress("sample %d: POST /installations answered status %s", i + 1, status);
      }
      polls[i] = awaitQuote();
      firstUse[i] = System.nanoTime() - t0;
      uninstall(installed.json().path("id").asText());
      progress("sample %d/%d: install -> first use %s ms (POST %s ms, %d polls)", i + 1, samples,
          fmt(ms(firstUse[i])), fmt(ms(installCall[i])), polls[i]);
    }

    double median = medianMs(firstUse);
    double baseline = medianMs(me);
    out("1. Install -> first use (%d samples, one tenant, after %d untimed calls of each baseline and %d untimed"
        + " installs; each sample: POST /installations, poll GET %s every %d ms until 200, then DELETE ?data=purge"
        + " and wait until no plugin bundle is left)", samples, API_WARMUP_CALLS, INSTALL_WARMUP, QUOTE, pollMillis);
    out("");
    out("%-38s %9s %9s %9s %9s", "ms", "min", "median", "p90", "max");
    row("install -> first 200 from the plugin", firstUse);
    row("  of which POST /installations", installCall);
    row("baseline: GET /me", me);
    row("baseline: GET /installations", list);
    double polled = median(polls);
    out("polls of /quote until its first 200: median %s, max %d",
        polled == Math.rint(polled) ? Long.toString((long) polled) : fmt(polled), max(polls));
    out("");
    out("install->first use median %s ms = %s x a plain authenticated API call (GET /me median %s ms)",
        fmt(median), fmt(median / baseline), fmt(baseline));
    boolean pass = median < targetMs;
    failed |= !pass;
    out("target: median < %d ms: %s", targetMs, pass ? "PASS" : "FAIL");
    out("");
  }

  // ---------------------------------------------------------------- 2. install/uninstall cycles

  private void cycles(int cycles, int warmup) throws Exception {
    for (int i = 0; i < warmup; i++) {
      cycle();
    }
    progress("%d warm-up cycles done", warmup);
    Runtime before = snapshot();
    long[] times = new long[cycles];
    for (int i = 0; i < cycles; i++) {
      times[i] = cycle();
      if ((i + 1) % 10 == 0 || i + 1 == cycles) {
        progress("cycle %d/%d: %s ms", i + 1, cycles, fmt(ms(times[i])));
      }
    }
    Runtime after = snapshot();

    out("2. Install/uninstall cycles: %d (after %d warm-up cycles); a cycle = POST /installations, first 200 from"
        + " the plugin, DELETE ?data=purge, until no plugin bundle is left", cycles, warmup);
    out("cycle time: min %s ms, median %s ms, p90 %s ms, max %s ms",
        fmt(ms(min(times))), fmt(medianMs(times)), fmt(percentileMs(times, 90)), fmt(ms(max(times))));
    out("runtime (GET /marketplace/runtime?gc=true twice, 1 s apart, the lower of each figure):");
    out("");
    out("%-20s %15s %15s %12s   %s", "", "before", "after", "difference", "verdict");
    boolean ok = true;
    ok &= compare("frameworkBundles", before.bundles(), after.bundles(), after.bundles() == before.bundles(),
        "must be equal");
    ok &= compare("frameworkServices", before.services(), after.services(), after.services() == before.services(),
        "must be equal");
    ok &= compare("loadedClasses", before.classes(), after.classes(), after.classes() - before.classes() <= CLASS_SLACK,
        "at most +" + CLASS_SLACK);
    double heapRatio = (double) after.heap() / before.heap();
    ok &= compare("heapUsedBytes", before.heap(), after.heap(), heapRatio < HEAP_RATIO_LIMIT,
        String.format(Locale.ROOT, "after/before %.3f, must be < %.2f", heapRatio, HEAP_RATIO_LIMIT));
    ok &= compare("pluginThreads", before.threads(), after.threads(), after.threads() <= before.threads(),
        "must not grow");
    out("plugin bundles in the runtime: %d before, %d after", before.pluginBundles(), after.pluginBundles());
    out("");
    out("leak check over %d cycles: %s", cycles, ok ? "PASS" : "FAIL");
    failed |= !ok;
  }

  /** Install, first use, uninstall with purge, bundle gone; returns the whole time. */
  private long cycle() throws Exception {
    long t0 = System.nanoTime();
    Answer installed = expect(201, send("POST", "/installations", tenantKey, json(Map.of("listingId", listingId))));
    awaitQuote();
    uninstall(installed.json().path("id").asText());
    return System.nanoTime() - t0;
  }

  private void uninstall(String installationId) throws Exception {
    expect(204, send("DELETE", "/installations/" + installationId + "?data=purge", tenantKey));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode bundles = expect(200, send("GET", "/marketplace/runtime", operatorKey)).json().path("bundles");
      if (bundles.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException("plugin bundles still in the runtime 30 s after the uninstall: " + bundles);
      }
      Thread.sleep(10);
    }
    expect(404, send("GET", QUOTE, tenantKey));
  }

  /** Polls the plugin's endpoint until it answers 200 (30 s at most); returns how many polls it took. */
  private long awaitQuote() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (long polls = 1; ; polls++) {
      Answer a = send("GET", QUOTE, tenantKey);
      if (a.status() == 200) {
        return polls;
      }
      if (a.status() != 404 && a.status() != 503) {
        throw new BenchException("GET " + QUOTE + " answered " + a.status() + ": " + a.body());
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException("GET " + QUOTE + " still " + a.status() + " 30 s after the install: " + a.body());
      }
      if (pollMillis > 0) {
        Thread.sleep(pollMillis);
      }
    }
  }

  private Runtime snapshot() throws Exception {
    Runtime first = Runtime.of(expect(200, send("GET", "/marketplace/runtime?gc=true", operatorKey)).json());
    Thread.sleep(1000);
    Runtime second = Runtime.of(expect(200, send("GET", "/marketplace/runtime?gc=true", operatorKey)).json());
    return first.min(second);
  }

  // ---------------------------------------------------------------- HTTP

  private Answer send(String method, String path, String key) throws Exception {
    return send(method, path, key, null, null);
  }

  private Answer send(String method, String path, String key, String jsonBody) throws Exception {
    return send(method, path, key, "application/json", jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Answer send(String method, String path, String key, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key)
        .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), System.nanoTime() - t0);
  }

  private Answer expect(int status, Answer a) {
    if (a.status() != status) {
      throw new BenchException("expected " + status + ", got " + a.status() + ": " + a.body());
    }
    return a;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- figures and output

  private boolean compare(String name, long before, long after, boolean ok, String rule) {
    out("%-20s %15d %15d %+12d   %s (%s)", name, before, after, after - before, ok ? "ok" : "FAIL", rule);
    return ok;
  }

  private void row(String name, long[] nanos) {
    out("%-38s %9s %9s %9s %9s", name, fmt(ms(min(nanos))), fmt(medianMs(nanos)), fmt(percentileMs(nanos, 90)),
        fmt(ms(max(nanos))));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double medianMs(long[] nanos) {
    return median(nanos) / 1e6;
  }

  private static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /** Nearest rank. */
  private static double percentileMs(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, rank - 1)] / 1e6;
  }

  private static long min(long[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static long max(long[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static int env(String name, int def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : Integer.parseInt(v.strip());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void progress(String format, Object... args) {
    System.err.println("plugin-bench: " + String.format(Locale.ROOT, format, args));
  }
}
