package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.rest.RateLimit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimiterTest {

  // one token a second: the bucket cannot refill noticeably while a test runs
  private static final RateLimit ONE_A_SECOND_BURST_3 = new RateLimit(1, 3);

  private final RateLimiter limiter = new RateLimiter();
  private final UUID acme = UUID.randomUUID();
  private final UUID globex = UUID.randomUUID();

  @Test
  void acceptsTheBurstThenRefuses() {
    RateLimiter.Decision first = limiter.consume(acme, ONE_A_SECOND_BURST_3);
    RateLimiter.Decision second = limiter.consume(acme, ONE_A_SECOND_BURST_3);
    RateLimiter.Decision third = limiter.consume(acme, ONE_A_SECOND_BURST_3);
    RateLimiter.Decision fourth = limiter.consume(acme, ONE_A_SECOND_BURST_3);

    assertTrue(first.allowed());
    assertEquals(2, first.remaining());
    assertTrue(second.allowed());
    assertEquals(1, second.remaining());
    assertTrue(third.allowed());
    assertEquals(0, third.remaining());
    assertFalse(fourth.allowed());
    assertEquals(ONE_A_SECOND_BURST_3, fourth.limit());
    assertTrue(fourth.nanosToWait() > 0);
    assertTrue(fourth.retryAfterSeconds() >= 1);
  }

  @Test
  void tenantsHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.consume(acme, ONE_A_SECOND_BURST_3);
    }

    assertFalse(limiter.consume(acme, ONE_A_SECOND_BURST_3).allowed());
    RateLimiter.Decision other = limiter.consume(globex, ONE_A_SECOND_BURST_3);
    assertTrue(other.allowed());
    assertEquals(2, other.remaining());
  }

  @Test
  void aChangedLimitRebuildsTheBucket() {
    for (int i = 0; i < 3; i++) {
      limiter.consume(acme, ONE_A_SECOND_BURST_3);
    }
    assertFalse(limiter.consume(acme, ONE_A_SECOND_BURST_3).allowed());

    RateLimiter.Decision raised = limiter.consume(acme, new RateLimit(1, 10));

    assertTrue(raised.allowed());
    assertEquals(9, raised.remaining());
    assertEquals(new RateLimit(1, 10), raised.limit());
  }

  @Test
  void anEqualLimitKeepsTheBucket() {
    limiter.consume(acme, new RateLimit(1, 3));

    // a new but equal RateLimit (as each request's principal carries) must not refill the bucket
    assertEquals(1, limiter.consume(acme, new RateLimit(1, 3)).remaining());
  }

  @ParameterizedTest
  @CsvSource({
    // allowed: nothing to wait for, still at least 1
    "0, 1",
    // a nanosecond rounds up to a second
    "1, 1",
    // exactly a second
    "1000000000, 1",
    // a nanosecond more than a second rounds up
    "1000000001, 2",
    // 2.5 s
    "2500000000, 3",
  })
  void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne(long nanos, long seconds) {
    RateLimiter.Decision d = new RateLimiter.Decision(false, new RateLimit(1, 1), 0, nanos);

    assertEquals(seconds, d.retryAfterSeconds());
  }

  @ParameterizedTest
  @CsvSource({
    // full bucket: nothing to wait for
    "10, 100, 100, 0",
    // 5 tokens missing at 10/s: under a second, rounded up
    "10, 100, 95, 1",
    // empty bucket refills in burst/rate seconds
    "10, 100, 0, 10",
    // 1/s, 3 missing
    "1, 3, 0, 3",
  })
  void resetSecondsIsTheTimeToAFullBucket(int perSecond, int burst, long remaining, long seconds) {
    RateLimiter.Decision d =
        new RateLimiter.Decision(true, new RateLimit(perSecond, burst), remaining, 0);

    assertEquals(seconds, d.resetSeconds());
  }
}
