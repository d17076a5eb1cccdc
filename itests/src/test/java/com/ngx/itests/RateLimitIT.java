package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

/** Each tenant has its own token bucket: 429 with Retry-After past it, others unaffected. */
public class RateLimitIT extends NgxTestSupport {

  @Test
  public void tenantBucketRefusesPastItsBurst() {
    String limited = provision(unique("rate")).path("id").asText();
    String other = provision(unique("rate")).path("id").asText();
    // one token a second, three at once
    call("PATCH", "/tenants/" + limited, OPERATOR_KEY, "{\"limits\":{\"ratePerSecond\":1,\"rateBurst\":3}}").expect(200);
    String key = key(limited, "*");
    String otherKey = key(other, "*");

    int ok = 0;
    Reply refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      Reply r = get("/me", key);
      if (r.status() == 200) {
        ok++;
        assertEquals("3", r.header("RateLimit-Limit").orElse(""));
      } else {
        refused = r;
      }
    }
    assertTrue("at most the burst passes, got " + ok, ok >= 1 && ok <= 4);
    JsonNode problem = refused.problem(429);
    assertTrue(problem.path("detail").asText().contains("Rate limit"));
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1);
    assertEquals("0", refused.header("RateLimit-Remaining").orElse(""));

    // the other tenant is not affected
    for (int i = 0; i < 5; i++) {
      get("/me", otherKey).expect(200);
    }
    // the bucket refills
    await(java.time.Duration.ofSeconds(5), "a token to refill", () -> get("/me", key).status() == 200);
  }
}
