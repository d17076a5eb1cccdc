package com.ngx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversation-turn benchmark: CONVERSATIONS concurrent prospects talk to an agent created from the
 * SaaS B2B vertical template (its knowledge base included) over the real API; every message is a
 * full turn — embedding, intent and objection classification, slot extraction, knowledge
 * retrieval, the flow and the transaction that stores it. Messages carry per-conversation numbers,
 * names and emails, so the embedding cache does not make them free. Baseline in the same run: an
 * authenticated {@code GET /me}.
 */
public final class AgentBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NEEDS = {
      "mostly workflow automation for our operations team of %d",
      "we need better reporting and dashboards for %d managers",
      "integrations with our CRM, we have %d sales reps",
      "project management for about %d people"};
  private static final String[] ASIDES = {
      "that sounds too expensive for a team of %d",
      "how much does it cost for %d users?",
      "do you integrate with Salesforce? we have %d seats there",
      "we already use another tool, switching %d people is a pain",
      "is our data secure? we are %d people handling customer data",
      "can we cancel anytime if %d seats are too many?"};

  private final String api;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String key;

  private AgentBench(String api, String key) {
    this.api = api;
    this.key = key;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: AgentBench API_URL TENANT_KEY");
      System.exit(64);
    }
    int conversations = env("CONVERSATIONS", 50);
    int warmupSeconds = env("WARMUP_SECONDS", 20);
    int seconds = env("MEASURE_SECONDS", 60);
    AgentBench bench = new AgentBench(args[0], args[1]);
    try {
      String agent = bench.agent();
      long[] me = bench.baseline(1000);
      progress("warming up %d s with %d concurrent conversations", warmupSeconds, conversations);
      bench.load(agent, conversations, warmupSeconds, 0);
      progress("measuring capacity for %d s (no pause between messages)", seconds);
      Result r = bench.load(agent, conversations, seconds, 0);
      int rate = env("TARGET_RATE", 200);
      progress("measuring %d s at %d turns/s (each conversation sends every %d ms)", seconds, rate, conversations * 1000 / rate);
      Result paced = bench.load(agent, conversations, seconds, rate);
      out("Conversation turns, %d concurrent conversations, %d s per measurement after %d s of warm-up", conversations, seconds, warmupSeconds);
      out("%-44s %9s %9s %9s %9s %9s", "", "p50 ms", "p90 ms", "p99 ms", "max ms", "count");
      row("turn, paced at " + rate + " turns/s (from schedule)", paced.turns);
      row("turn, capacity (no pauses)", r.turns);
      row("start (POST /conversations), capacity", r.starts);
      row("baseline GET /me (sequential)", me);
      out("");
      out("capacity: %.1f turns/s with %d conversations sending without pause (conversations completed: %d)",
          r.turns.length / (double) seconds, conversations, r.completed);
      out("paced: %.1f turns/s achieved of %d asked; p50 %.1f ms, p99 %.1f ms (targets: p99 < 50 ms at >= 200 turns/s)",
          paced.turns.length / (double) seconds, rate, percentile(paced.turns, 50) / 1e6, percentile(paced.turns, 99) / 1e6);
      out("ratios to GET /me p50: paced turn p50 %.1fx, p99 %.1fx", percentile(paced.turns, 50) / percentile(me, 50),
          percentile(paced.turns, 99) / percentile(me, 50));
      out("errors: %d", r.errors + paced.errors);
      System.exit(r.errors + paced.errors > 0 ? 1 : 0);
    } catch (IOException | RuntimeException e) {
      System.err.println("agent-bench: FAILED: " + e);
      System.exit(1);
    }
  }

  /** An agent from the SaaS B2B template, published, its knowledge base indexed. */
  private String agent() throws IOException, InterruptedException {
    JsonNode a = expect(201, send("POST", "/agents", "{\"name\":\"Bench agent\",\"language\":\"en\",\"templateId\":\"saas\"}"));
    String id = a.path("id").asText();
    expect(201, send("POST", "/agents/" + id + "/publish", "{}"));
    // one conversation primes the compiled agent and the knowledge index
    String c = expect(201, send("POST", "/conversations", "{\"agentId\":\"" + id + "\"}")).path("id").asText();
    expect(200, send("POST", "/conversations/" + c + "/messages", "{\"text\":\"how much does it cost?\"}"));
    progress("agent %s from the saas template, %d knowledge documents", id,
        expect(200, send("GET", "/agents/" + id + "/knowledge", null)).path("total").asInt());
    return id;
  }

  private long[] baseline(int n) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      expect(200, send("GET", "/me", null));
    }
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      expect(200, send("GET", "/me", null));
      t[i] = System.nanoTime() - s;
    }
    return t;
  }

  private record Result(long[] turns, long[] starts, long completed, long errors) {}

  /**
   * Runs conversations for {@code seconds}: without pauses ({@code rate} 0, capacity), or each
   * conversation sending its messages on a fixed schedule so that all together send {@code rate}
   * messages per second (a new conversation starts as soon as one ends, outside the schedule); a
   * paced turn's time counts from when it was due (a late send counts its waiting too).
   */
  private Result load(String agent, int conversations, int seconds, int rate) throws InterruptedException {
    long intervalNanos = rate == 0 ? 0 : conversations * 1_000_000_000L / rate;
    List<long[]> turnTimes = new ArrayList<>();
    List<long[]> startTimes = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong ids = new AtomicLong();
    List<List<Long>> perThreadTurns = new ArrayList<>();
    List<List<Long>> perThreadStarts = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(conversations);
    for (int i = 0; i < conversations; i++) {
      List<Long> turns = new ArrayList<>();
      List<Long> starts = new ArrayList<>();
      perThreadTurns.add(turns);
      perThreadStarts.add(starts);
      long offset = intervalNanos == 0 ? 0 : intervalNanos * i / conversations;
      pool.execute(() -> {
        long due = System.nanoTime() + offset;
        while (!stop.get()) {
          try {
            long n = ids.incrementAndGet();
            long s = System.nanoTime();
            JsonNode c = expect(201, send("POST", "/conversations", "{\"agentId\":\"" + agent + "\"}"));
            starts.add(System.nanoTime() - s);
            String id = c.path("id").asText();
            for (String m : script(n)) {
              if (stop.get()) {
                break;
              }
              long t = System.nanoTime();
              if (intervalNanos > 0) {
                long wait = due - t;
                if (wait > 0) {
                  TimeUnit.NANOSECONDS.sleep(wait);
                }
                t = due;
                due += intervalNanos;
              }
              expect(200, send("POST", "/conversations/" + id + "/messages", JSON.writeValueAsString(Map.of("text", m))));
              turns.add(System.nanoTime() - t);
            }
            completed.incrementAndGet();
          } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            progress("error: %s", e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
    }
    TimeUnit.SECONDS.sleep(seconds);
    stop.set(true);
    long cut = System.nanoTime();
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    perThreadTurns.forEach(l -> turnTimes.add(l.stream().mapToLong(Long::longValue).toArray()));
    perThreadStarts.forEach(l -> startTimes.add(l.stream().mapToLong(Long::longValue).toArray()));
    return new Result(concat(turnTimes), concat(startTimes), completed.get(), errors.get());
  }

  /** One prospect's messages: need, an aside (objection or question), timeline, budget, role, consent, name, email, yes. */
  private static List<String> script(long n) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int people = 5 + (int) (n % 400);
    return List.of(
        String.format(Locale.ROOT, NEEDS[r.nextInt(NEEDS.length)], people),
        String.format(Locale.ROOT, ASIDES[r.nextInt(ASIDES.length)], people),
        "in " + (2 + n % 10) + " weeks",
        "around $" + (100 + n % 900) + " a month",
        "I'm the owner, I decide",
        "yes, that's fine",
        "I'm Laura Number" + Long.toString(n, 26).replaceAll("[0-9]", "x"),
        "laura" + n + "@example.com",
        "yes, let's do it");
  }

  private JsonNode expect(int status, HttpResponse<String> r) throws IOException {
    if (r.statusCode() != status) {
      throw new IOException(r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long[] concat(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static double percentile(long[] nanos, int p) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, rank - 1)];
  }

  private static void row(String name, long[] nanos) {
    out("%-44s %9.2f %9.2f %9.2f %9.2f %9d", name, percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6,
        percentile(nanos, 99) / 1e6, percentile(nanos, 100) / 1e6, nanos.length);
  }

  private static int env(String name, int def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : Integer.parseInt(v.strip());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void progress(String format, Object... args) {
    System.err.println("agent-bench: " + String.format(Locale.ROOT, format, args));
  }
}
