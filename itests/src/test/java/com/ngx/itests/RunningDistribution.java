package com.ngx.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The distribution archive unpacked and run as a process, used over HTTP from outside: the product
 * exactly as an operator runs it. Stop and start it again to test restarts.
 */
final class RunningDistribution implements AutoCloseable {
  static final String OPERATOR_KEY = "ngx_o_marketplace-test-operator-key";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Path home;
  final String api;
  private final boolean demo;
  private Process karaf;

  private RunningDistribution(Path home, int port, boolean demo) {
    this.home = home;
    this.api = "http://127.0.0.1:" + port + "/api/v1";
    this.demo = demo;
  }

  /** Unpacks a fresh copy, configures it (file, lines appended, …), and starts it without demo data. */
  static RunningDistribution start(String... config) throws Exception {
    return start(false, config);
  }

  /** Unpacks a fresh copy, configures it, and starts it, with {@code NGX_DEMO} as given. */
  static RunningDistribution start(boolean demo, String... config) throws Exception {
    Path archive = Paths.get(System.getProperty("ngx.distribution"));
    Path target = Paths.get("target/dist-it/" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(target);
    Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "--strip-components=1",
        "-C", target.toString()).inheritIO().start();
    assertEquals(0, tar.waitFor());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(target.resolve("etc/org.ops4j.pax.web.cfg"), "\norg.osgi.service.http.port = " + port + "\n",
        StandardOpenOption.APPEND);
    for (int i = 0; i + 1 < config.length; i += 2) {
      Files.writeString(target.resolve("etc/" + config[i]), "\n" + config[i + 1] + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    RunningDistribution d = new RunningDistribution(target, port, demo);
    d.boot();
    return d;
  }

  /** Starts Karaf as {@code bin/karaf server} (as the README's first command does) and waits until it is ready. */
  Duration boot() throws Exception {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    builder.directory(home.toFile());
    builder.environment().put("NGX_OPERATOR_KEY", OPERATOR_KEY);
    builder.environment().put("NGX_DEMO", Boolean.toString(demo));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
    karaf = builder.start();
    await(Duration.ofSeconds(120), "the platform to be ready", () -> {
      try {
        return get("/health/ready", null).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The Karaf JVM's process id (the java child of bin/karaf). */
  long pid() {
    return karaf.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
        .map(ProcessHandle::pid).orElse(karaf.pid());
  }

  /** Stops Karaf as an operator would (bin/stop) and waits for the process to end. */
  void stop() throws Exception {
    if (karaf == null) {
      return;
    }
    new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile()).inheritIO().start().waitFor();
    if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
      karaf.descendants().forEach(ProcessHandle::destroyForcibly);
      karaf.destroyForcibly().waitFor();
      throw new AssertionError("Karaf did not stop within 60 s");
    }
    karaf = null;
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  // ---- HTTP ----

  HttpResponse<String> get(String path, String key) throws IOException {
    return send("GET", path, key, null, null);
  }

  HttpResponse<String> post(String path, String key, String json) throws IOException {
    return send("POST", path, key, "application/json", json == null ? null : json.getBytes());
  }

  HttpResponse<String> send(String method, String path, String key, String contentType, byte[] body)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Asserts the status (showing the body when it differs) and returns the JSON body. */
  static JsonNode expect(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(),
        () -> response.request().method() + " " + response.request().uri() + " -> " + response.body());
    try {
      return response.body() == null || response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + response.body(), e);
    }
  }

  static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
