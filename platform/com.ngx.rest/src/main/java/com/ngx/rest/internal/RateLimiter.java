package com.ngx.rest.internal;

import com.ngx.rest.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per tenant (bucket4j), rebuilt when the tenant's limit changes.
 *
 * <p>Buckets live on this node: behind a load balancer with N nodes a tenant gets up to N times
 * its limit. A cluster-wide bucket (bucket4j's PostgreSQL backend) is the documented next step.
 */
final class RateLimiter {

  private record Entry(RateLimit limit, Bucket bucket) {}

  /** The outcome of one request's consumption. */
  record Decision(boolean allowed, RateLimit limit, long remaining, long nanosToWait) {

    /** Seconds until a token is available (at least 1 when refused). */
    long retryAfterSeconds() {
      return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }

    /** Seconds until the bucket is full again. */
    long resetSeconds() {
      long missing = limit.burst() - remaining;
      return missing <= 0 ? 0 : (missing + limit.perSecond() - 1) / limit.perSecond();
    }
  }

  private final Map<UUID, Entry> buckets = new ConcurrentHashMap<>();

  Decision consume(UUID tenant, RateLimit limit) {
    Entry entry = buckets.get(tenant);
    if (entry == null || !entry.limit().equals(limit)) {
      // only a new tenant or a changed limit takes the map's lock
      entry =
          buckets.compute(
            tenant,
            (id, existing) ->
                existing != null && existing.limit().equals(limit)
                    ? existing
                    : new Entry(limit, newBucket(limit)));
    }
    ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
    return new Decision(
        probe.isConsumed(), limit, probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }

  private static Bucket newBucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.burst())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                .build())
        .build();
  }
}
