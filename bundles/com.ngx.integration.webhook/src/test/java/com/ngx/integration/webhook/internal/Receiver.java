package com.ngx.integration.webhook.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on a free loopback port that records what it is sent. */
final class Receiver implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  volatile int status = 200;
  volatile Map<String, String> answerHeaders = Map.of();
  volatile long delayMillis;
  volatile String method;
  volatile String path;
  volatile Map<String, List<String>> headers;
  volatile byte[] body;
  volatile int requests;

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          method = exchange.getRequestMethod();
          path = exchange.getRequestURI().getPath();
          headers = Map.copyOf(exchange.getRequestHeaders());
          body = exchange.getRequestBody().readAllBytes();
          requests++;
          if (delayMillis > 0) {
            try {
              // waits for close(), or the delay: a receiver too slow for the sink's timeout
              release.await(delayMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/leads";
  }

  /** The first value of a request header. */
  String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
