package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.llm.ChatMessage;
import com.ngx.api.llm.Completion;
import com.ngx.api.llm.CompletionRequest;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiLanguageModelTest {
  static final String KEY = "sk-test-0123456789abcdef";

  private final ChatServer server = new ChatServer();
  private final OpenAiLanguageModel model =
      new OpenAiLanguageModel(OpenAiLanguageModel.newClient(), true);
  private final TestContext context =
      new TestContext()
          .with("baseUrl", server.baseUrl())
          .with("apiKey", KEY)
          .with("model", "gpt-4o-mini")
          .with("timeoutSeconds", 5)
          .with("maxTokens", 400);

  @AfterEach
  void stop() {
    server.close();
  }

  /** A grounded request as the engine sends it. */
  static CompletionRequest request(int maxTokens) {
    return new CompletionRequest(
        List.of(
            new ChatMessage("system", "Answer only from the passages.\nPassages:\n[1] Hours: 9–17"),
            new ChatMessage("user", "When do you open? 🙂 \"today\"")),
        0.2,
        maxTokens);
  }

  private static Map<String, Object> json(String text) {
    return Json.object(Json.parse(text));
  }

  private ModelException failure(TestContext ctx) {
    return assertThrows(ModelException.class, () -> model.complete(ctx, request(200)));
  }

  @Test
  void postsTheChatCompletionsRequest() {
    Completion completion = model.complete(context, request(200));

    assertEquals(new Completion("We open at 9.", 42, 5), completion);
    assertEquals("POST", server.method);
    assertEquals("/v1/chat/completions", server.path);
    assertEquals("application/json", server.header("Content-Type"));
    assertEquals("application/json", server.header("Accept"));
    assertEquals("Bearer " + KEY, server.header("Authorization"));

    Map<String, Object> body = json(server.bodyText());
    assertEquals("gpt-4o-mini", body.get("model"));
    assertEquals(
        List.of(
            Map.of(
                "role", "system",
                "content", "Answer only from the passages.\nPassages:\n[1] Hours: 9–17"),
            Map.of("role", "user", "content", "When do you open? 🙂 \"today\"")),
        body.get("messages"));
    assertEquals(0, new BigDecimal("0.2").compareTo((BigDecimal) body.get("temperature")));
    assertEquals(new BigDecimal(200), body.get("max_tokens"));
    assertEquals(Boolean.FALSE, body.get("stream"));
    // UTF-8 on the wire, not escapes: the en dash and the emoji as their bytes
    String raw = new String(server.body, StandardCharsets.UTF_8);
    assertTrue(raw.contains("9–17") && raw.contains("🙂"), raw);
  }

  @Test
  void noAuthorizationWithoutAKey() {
    // absent (a local Ollama), empty and blank (a form left empty) all mean no key
    for (String key : new String[] {null, "", "   "}) {
      ChatServer local = new ChatServer();
      try {
        TestContext ctx =
            new TestContext().with("baseUrl", local.baseUrl()).with("apiKey", key);
        assertEquals("We open at 9.", model.complete(ctx, request(50)).text());
        assertNull(local.header("Authorization"), String.valueOf(key));
      } finally {
        local.close();
      }
    }
  }

  @Test
  void theTenantsMaxTokensCapsTheRequest() {
    // each case: what the agent asks for, the tenant's cap, what is sent
    int[][] cases = {
      {200, 400, 200}, // below the cap: as asked
      {1000, 400, 400}, // above: the cap
      {0, 400, 400}, // unspecified: the cap
      {-1, 150, 150}, // nonsense: the cap
    };
    for (int[] c : cases) {
      context.with("maxTokens", c[1]);
      model.complete(context, request(c[0]));
      assertEquals(new BigDecimal(c[2]), json(server.bodyText()).get("max_tokens"));
    }
  }

  @Test
  void aBaseUrlWithATrailingSlash() {
    context.with("baseUrl", server.baseUrl() + "/");
    model.complete(context, request(10));
    assertEquals("/v1/chat/completions", server.path);
  }

  @Test
  void parsesUnicodeContent() {
    // escaped and raw non-ASCII, a surrogate pair as two escapes, control characters
    server.answer =
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"Caf\\u00e9 \\ud83d\\ude00 日本語 ñ\\n\\t\\\"ok\\\" \\/ \\u2028end\"}}],"
            + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":11}}";

    Completion c = model.complete(context, request(50));

    assertEquals("Café 😀 日本語 ñ\n\t\"ok\" / \u2028end", c.text());
    assertEquals(7, c.inputTokens());
    assertEquals(11, c.outputTokens());
  }

  @Test
  void takesTheFirstOfSeveralChoices() {
    // servers list choice 0 first, but its index is what says so
    server.answer =
        "{\"choices\":["
            + "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"second\"}},"
            + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"first\"}}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}";
    assertEquals(new Completion("first", 3, 2), model.complete(context, request(50)));

    // without indexes: the first listed
    server.answer =
        "{\"choices\":[{\"message\":{\"content\":\"a\"}},{\"message\":{\"content\":\"b\"}}]}";
    assertEquals(new Completion("a", 0, 0), model.complete(context, request(50)));
  }

  @Test
  void authenticationFailureCarriesTheServersMessageButNeverTheKey() {
    server.status = 401;
    // a gateway that echoes the whole key back
    server.answer =
        "{\"error\":{\"message\":\"Incorrect API key provided: "
            + KEY
            + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    ModelException e = failure(context);

    assertEquals(401, e.status());
    assertEquals(
        "HTTP 401 (authentication failed, check apiKey) from 127.0.0.1: Incorrect API key"
            + " provided: ***. You can find your API key at"
            + " https://platform.openai.com/account/api-keys. [invalid_api_key]",
        e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void rateLimitingIsToldApart() {
    server.status = 429;
    server.answerHeaders = Map.of("Content-Type", "application/json", "Retry-After", "20");
    server.answer =
        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini.\","
            + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

    ModelException e = failure(context);

    assertEquals(429, e.status());
    assertEquals(
        "HTTP 429 (rate limited or out of quota) from 127.0.0.1: Rate limit reached for"
            + " gpt-4o-mini. [rate_limit_exceeded]; retry after 20",
        e.getMessage());
  }

  @Test
  void serverErrorsAreToldApart() {
    // each case: status, body, the message
    Object[][] cases = {
      // OpenAI's own shape
      {
        500,
        "{\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\"}}",
        "HTTP 500 (server error) from 127.0.0.1: The server had an error. [server_error]"
      },
      // a proxy's HTML page: no message to pass on
      {502, "<html><body>Bad Gateway</body></html>", "HTTP 502 (server error) from 127.0.0.1"},
      // vLLM's top-level message
      {
        503,
        "{\"object\":\"error\",\"message\":\"model is loading\",\"type\":\"Unavailable\"}",
        "HTTP 503 (server error) from 127.0.0.1: model is loading"
      },
      // a bare error string, as some servers send
      {
        404,
        "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
        "HTTP 404 (not found, check baseUrl and model) from 127.0.0.1: model \"llama9\" not"
            + " found, try pulling it first"
      },
      // no body at all
      {500, "", "HTTP 500 (server error) from 127.0.0.1"},
    };
    for (Object[] c : cases) {
      server.status = (Integer) c[0];
      server.answer = (String) c[1];
      ModelException e = failure(context);
      assertEquals(c[0], e.status());
      assertEquals(c[2], e.getMessage());
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    server.status = 307;
    server.answerHeaders = Map.of("Location", "http://169.254.169.254/latest/meta-data/");
    server.answer = "";

    ModelException e = failure(context);

    assertEquals(
        "HTTP 307 (redirect not followed, check baseUrl) from 127.0.0.1", e.getMessage());
    assertEquals(1, server.requests);
  }

  @Test
  void answersThatAreNotCompletionsFail() {
    // each case: a 200 answer, the message
    String[][] cases = {
      {"not json", "unexpected character at offset 0"},
      {"{\"choices\":[{\"message\":{\"content\":\"cut", "unterminated string at offset 38"},
      {"[]", "not a JSON object"},
      {"{\"choices\":[]}", "no choices"},
      {"{\"object\":\"list\",\"data\":[]}", "no choices"},
      {"{\"choices\":[{\"index\":0}]}", "choices[0] has no message"},
      {
        "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't help with that.\"},"
            + "\"finish_reason\":\"stop\"}]}",
        "the model returned no text, it refused: I can't help with that. (finish_reason stop)"
      },
      {
        "{\"choices\":[{\"message\":{\"content\":\"  \"},\"finish_reason\":\"length\"}]}",
        "the model returned no text (finish_reason length)"
      },
      {
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":-1}}",
        "usage.prompt_tokens is not a token count"
      },
      {
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],"
            + "\"usage\":{\"completion_tokens\":\"5\"}}",
        "usage.completion_tokens is not a token count"
      },
    };
    for (String[] c : cases) {
      server.answer = c[0];
      ModelException e = failure(context);
      assertEquals(200, e.status());
      assertEquals("the answer from 127.0.0.1 is not a chat completion: " + c[1], e.getMessage());
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    server.mode = ChatServer.Mode.HANG;
    context.with("timeoutSeconds", 1);

    long start = System.nanoTime();
    ModelException e = failure(context);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals("no answer from 127.0.0.1 within 1 s", e.getMessage());
    assertEquals(0, e.status());
    assertTrue(millis >= 900 && millis < 4000, millis + " ms");
  }

  @Test
  void theTimeoutCoversTheBodyToo() {
    // the headers come at once, the body never ends: the request timeout alone would not fire
    server.mode = ChatServer.Mode.STALL_BODY;
    context.with("timeoutSeconds", 1);

    ModelException e =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failure(context));

    assertEquals("no answer from 127.0.0.1 within 1 s", e.getMessage());
  }

  @Test
  void anInterruptAbortsTheCall() throws Exception {
    // the platform cancels a call that overruns its own timeout by interrupting the thread
    server.mode = ChatServer.Mode.HANG;
    context.with("timeoutSeconds", 60);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.complete(model.complete(context, request(10)));
              } catch (RuntimeException e) {
                outcome.complete(e.getMessage() + " interrupted=" + Thread.interrupted());
              }
            });
    caller.start();
    assertTrue(server.received.await(5, TimeUnit.SECONDS));

    caller.interrupt();

    assertEquals(
        "interrupted while waiting for 127.0.0.1 interrupted=true",
        outcome.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anOversizedAnswerFails() {
    String filler = "x".repeat(OpenAiLanguageModel.MAX_ANSWER_BYTES);
    server.answer =
        "{\"choices\":[{\"message\":{\"content\":\"" + filler + "\"}}]}";

    ModelException e = failure(context);

    assertEquals("the answer from 127.0.0.1 is too large", e.getMessage());
  }

  @Test
  void aRefusedConnectionFails() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort();
    }
    context.with("baseUrl", "http://127.0.0.1:" + closedPort + "/v1");

    assertEquals("could not connect to 127.0.0.1", failure(context).getMessage());
  }

  @Test
  void badSettingsFailWithoutSending() {
    // each case: a setting and its bad value, the message
    Object[][] cases = {
      {"baseUrl", "ftp://example.com/v1", "settings: baseUrl must be an absolute http(s) URL"},
      {"baseUrl", "not a url", "settings: baseUrl is not a valid URL"},
      {"timeoutSeconds", 121, "settings: timeoutSeconds must be from 1 to 120"},
      {"maxTokens", 0, "settings: maxTokens must be from 1 to 16384"},
      {"model", " ", "settings: model is not set"},
    };
    for (Object[] c : cases) {
      TestContext ctx = new TestContext().with("baseUrl", server.baseUrl()).with("apiKey", KEY);
      ctx.with((String) c[0], c[1]);
      assertEquals(c[2], failure(ctx).getMessage());
    }
    assertEquals(0, server.requests);
  }

  @Test
  void requestsOutsideTheContractAreRejectedWithoutSending() {
    // each case: a request the API's contract rules out
    List<CompletionRequest> cases =
        List.of(
            new CompletionRequest(List.of(), 0.2, 10),
            new CompletionRequest(List.of(new ChatMessage("user", "hi")), 2.5, 10),
            new CompletionRequest(List.of(new ChatMessage("user", "hi")), -0.1, 10),
            new CompletionRequest(List.of(new ChatMessage("user", "hi")), Double.NaN, 10),
            new CompletionRequest(List.of(new ChatMessage(" ", "hi")), 0.2, 10),
            new CompletionRequest(List.of(new ChatMessage("user", null)), 0.2, 10));
    for (CompletionRequest r : cases) {
      assertThrows(IllegalArgumentException.class, () -> model.complete(context, r));
    }
    assertEquals(0, server.requests);
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() {
    OpenAiLanguageModel production =
        new OpenAiLanguageModel(OpenAiLanguageModel.newClient(), false);

    ModelException e =
        assertThrows(ModelException.class, () -> production.complete(context, request(10)));

    assertEquals(
        "baseUrl: 127.0.0.1 resolves to a private or local address, which the operator has not"
            + " allowed",
        e.getMessage());
    assertEquals(0, server.requests);
  }

  @Test
  void settingsAsThePlatformMayTypeThem() {
    // Long and String instead of Integer, and nothing but the URL (the defaults)
    context.with("timeoutSeconds", 3L).with("maxTokens", "250");
    model.complete(context, request(1000));
    assertEquals(new BigDecimal(250), json(server.bodyText()).get("max_tokens"));

    TestContext minimal = new TestContext().with("baseUrl", server.baseUrl());
    model.complete(minimal, request(1000));
    Map<String, Object> body = json(server.bodyText());
    assertEquals("gpt-4o-mini", body.get("model"));
    assertEquals(new BigDecimal(400), body.get("max_tokens"));
  }

  @Test
  void concurrentCallsForDifferentTenantsUseTheirOwnSettings() throws Exception {
    // one component serves every tenant; nothing of one call leaks into another
    ChatServer other = new ChatServer();
    try {
      other.answer = ChatServer.COMPLETION.replace("We open at 9.", "Other tenant");
      TestContext second =
          new TestContext().with("baseUrl", other.baseUrl()).with("model", "llama3.1:8b");
      CompletableFuture<Completion> a =
          CompletableFuture.supplyAsync(() -> model.complete(context, request(10)));
      CompletableFuture<Completion> b =
          CompletableFuture.supplyAsync(() -> model.complete(second, request(10)));

      assertEquals("We open at 9.", a.get(10, TimeUnit.SECONDS).text());
      assertEquals("Other tenant", b.get(10, TimeUnit.SECONDS).text());
      assertEquals("Bearer " + KEY, server.header("Authorization"));
      assertNull(other.header("Authorization"));
      assertEquals("llama3.1:8b", json(other.bodyText()).get("model"));
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } finally {
      other.close();
    }
  }
}
