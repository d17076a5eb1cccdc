package com.ngx.payment.stripe.internal;

import com.stripe.StripeClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link StripeClient} per API key, API base and timeout, made on first use and kept: a client
 * is immutable and thread-safe, and holds its own key (the static {@code Stripe.apiKey} is never
 * touched, so several accounts can be used side by side).
 */
final class StripeClients {
  /**
   * More distinct settings than this means keys are being rotated or tried: start afresh rather
   * than keep old keys in memory.
   */
  static final int MAX_CLIENTS = 16;

  private final Map<Key, StripeClient> clients = new ConcurrentHashMap<>();

  /** The client for {@code settings}, whose API key must be set. */
  StripeClient client(ProviderSettings settings) {
    Key key =
        new Key(settings.requireApiKey(), settings.apiBase(), (int) settings.timeout().toMillis());
    StripeClient client = clients.get(key);
    if (client != null) {
      return client;
    }
    if (clients.size() >= MAX_CLIENTS) {
      clients.clear();
    }
    return clients.computeIfAbsent(key, StripeClients::build);
  }

  int size() {
    return clients.size();
  }

  private static StripeClient build(Key key) {
    return StripeClient.builder()
        .setApiKey(key.apiKey())
        .setApiBase(key.apiBase())
        .setConnectTimeout(key.timeoutMillis())
        .setReadTimeout(key.timeoutMillis())
        // the platform retries on its own schedule, with the same idempotency key; a retry here
        // would only make a call outlast the platform's call timeout
        .setMaxNetworkRetries(0)
        .build();
  }

  /** What a client is made from; its text never shows the key. */
  private record Key(String apiKey, String apiBase, int timeoutMillis) {
    @Override
    public String toString() {
      return "Key[" + apiBase + ", " + timeoutMillis + " ms]";
    }
  }
}
