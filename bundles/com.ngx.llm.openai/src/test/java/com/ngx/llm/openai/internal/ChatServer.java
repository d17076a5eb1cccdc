package com.ngx.llm.openai.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A chat-completions server on a free loopback port: it records the request it is sent and
 * answers what the test sets, by default a one-choice completion.
 */
final class ChatServer implements AutoCloseable {
  /** How the server behaves after reading a request. */
  enum Mode {
    /** Answers {@link #status}, {@link #answerHeaders} and {@link #answer}. */
    ANSWER,
    /** Never answers (until closed). */
    HANG,
    /** Sends the headers and half of {@link #answer}, then stalls (until closed). */
    STALL_BODY
  }

  static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
          + "\"assistant\",\"content\":\"We open at 9.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":5,\"total_tokens\":47}}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  /** Counted down once a request has been read completely. */
  final CountDownLatch received = new CountDownLatch(1);

  volatile Mode mode = Mode.ANSWER;
  volatile int status = 200;
  volatile String answer = COMPLETION;
  volatile Map<String, String> answerHeaders = Map.of("Content-Type", "application/json");
  volatile String method;
  volatile String path;
  volatile Map<String, List<String>> headers;
  volatile byte[] body;
  volatile int requests;

  ChatServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    method = exchange.getRequestMethod();
    path = exchange.getRequestURI().getPath();
    headers = Map.copyOf(exchange.getRequestHeaders());
    body = exchange.getRequestBody().readAllBytes();
    requests++;
    received.countDown();
    try {
      if (mode == Mode.HANG) {
        awaitClose();
        return;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (mode == Mode.STALL_BODY) {
        exchange.sendResponseHeaders(status, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        awaitClose();
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up and closed the connection: what the timeout tests expect
    } finally {
      exchange.close();
    }
  }

  private void awaitClose() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The base URL to configure: the API root under {@code /v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The first value of a request header, or null. */
  String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The request body as a string. */
  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
