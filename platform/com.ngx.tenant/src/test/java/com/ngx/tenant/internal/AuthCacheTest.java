package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.TenantPrincipal;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthCacheTest {

  private static final long MINUTE = Duration.ofMinutes(1).toNanos();
  private static final UUID ACME = UUID.randomUUID();
  private static final UUID GLOBEX = UUID.randomUUID();

  private static TenantPrincipal tenant(UUID id, String keyId) {
    return new TenantPrincipal(
        new TenantContext(id, "t" + id), "t_x", true, null, keyId, Set.of("*"), null);
  }

  @Test
  void returnsWhatWasPut() {
    AuthCache cache = new AuthCache(MINUTE);
    ApiPrincipal principal = tenant(ACME, "k1");

    cache.put("hash1", principal, cache.generation());

    assertSame(principal, cache.get("hash1"));
    assertNull(cache.get("hash2"));
  }

  @Test
  void aLookupThatOverlappedAnInvalidationIsNotCached() {
    AuthCache cache = new AuthCache(MINUTE);
    // the authenticator reads the generation, then the database...
    long before = cache.generation();
    // ...meanwhile the tenant is suspended on this node
    cache.forgetTenant(ACME);
    // ...and the (now stale) principal it read must not be cached
    cache.put("hash1", tenant(ACME, "k1"), before);
    assertNull(cache.get("hash1"));
  }

  @Test
  void zeroSecondsTurnsTheCacheOff() {
    AuthCache cache = new AuthCache(0);

    cache.put("hash1", tenant(ACME, "k1"), cache.generation());

    assertNull(cache.get("hash1"));
  }

  @Test
  void entriesExpire() {
    AuthCache cache = new AuthCache(1);
    cache.put("hash1", tenant(ACME, "k1"), cache.generation());
    // let the nanosecond pass
    long until = System.nanoTime() + 1_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    assertNull(cache.get("hash1"));
  }

  @Test
  void forgetTenantDropsEveryKeyOfThatTenantOnly() {
    AuthCache cache = new AuthCache(MINUTE);
    cache.put("a1", tenant(ACME, "k1"), cache.generation());
    cache.put("a2", tenant(ACME, "k2"), cache.generation());
    cache.put("g1", tenant(GLOBEX, "k3"), cache.generation());
    cache.put("op", new OperatorPrincipal("k4"), cache.generation());

    cache.forgetTenant(ACME);

    assertNull(cache.get("a1"));
    assertNull(cache.get("a2"));
    assertEquals("k3", cache.get("g1").keyId());
    assertEquals("k4", cache.get("op").keyId());
  }

  @Test
  void forgetKeyDropsThatKeyOnly() {
    AuthCache cache = new AuthCache(MINUTE);
    cache.put("a1", tenant(ACME, "k1"), cache.generation());
    cache.put("a2", tenant(ACME, "k2"), cache.generation());
    cache.put("op", new OperatorPrincipal("k3"), cache.generation());

    cache.forgetKey("k1");
    cache.forgetKey("k3");

    assertNull(cache.get("a1"));
    assertNull(cache.get("op"));
    assertEquals("k2", cache.get("a2").keyId());
  }

  @Test
  void staysBounded() {
    AuthCache cache = new AuthCache(MINUTE);
    for (int i = 0; i < AuthCache.MAX_ENTRIES; i++) {
      cache.put("h" + i, new OperatorPrincipal("k" + i), cache.generation());
    }

    cache.put("one-more", new OperatorPrincipal("k"), cache.generation());

    // full: it started over, keeping only the newest
    assertNull(cache.get("h0"));
    assertNull(cache.get("h" + (AuthCache.MAX_ENTRIES - 1)));
    assertEquals("k", cache.get("one-more").keyId());
  }
}
