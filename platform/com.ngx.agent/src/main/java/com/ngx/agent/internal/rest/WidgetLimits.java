package com.ngx.agent.internal.rest;

import com.ngx.rest.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits of the public widget endpoints, which carry no API key: a key is public and origin
 * headers are easy to forge outside a browser, so every widget key has a budget per visitor
 * address and one for all its visitors together (token buckets, on this node). Over budget: 429
 * with Retry-After.
 */
final class WidgetLimits {
  /** One visitor: a burst of 30 requests, then 5 per second. */
  static final int VISITOR_BURST = 30;
  static final int VISITOR_PER_SECOND = 5;
  /** All visitors of one key: a burst of 600, then 100 per second. */
  static final int KEY_BURST = 600;
  static final int KEY_PER_SECOND = 100;
  private static final int MAX_BUCKETS = 20_000;

  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_BUCKETS;
    }
  };

  /** Takes one request from the key's and the visitor's budgets, or throws 429. */
  void take(String key, String visitor) {
    check(bucket("k:" + key, KEY_BURST, KEY_PER_SECOND));
    check(bucket("v:" + key + "/" + visitor, VISITOR_BURST, VISITOR_PER_SECOND));
  }

  private Bucket bucket(String id, int burst, int perSecond) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(id, k -> Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
          .build());
    }
  }

  private static void check(Bucket bucket) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
      throw new ApiException(429, "Too many requests", "Too many messages from this page; retry in " + seconds + " s",
          List.of(), Map.of("Retry-After", Long.toString(seconds)));
    }
  }
}
