package com.ngx.tenant.internal;

import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.TenantPrincipal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Principals of recently used keys, by the SHA-256 of the key, for a few seconds: authentication
 * then costs no database round trip on the hot path.
 *
 * <p>On this node an entry is dropped the moment its key is revoked or its tenant changes (suspend,
 * delete, limits). Other nodes see such a change within {@code authCacheSeconds} (0 turns the
 * cache off).
 */
@Component(service = AuthCache.class, configurationPid = "com.ngx.tenant")
public final class AuthCache {

  static final int MAX_ENTRIES = 10_000;

  private record Entry(ApiPrincipal principal, long expiresAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Bumped by every invalidation, so a lookup that overlapped one does not re-add stale data. */
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  private final long ttlNanos;

  @Activate
  public AuthCache(TenantConfiguration configuration) {
    this(configuration.authCacheSeconds() * 1_000_000_000L);
  }

  AuthCache(long ttlNanos) {
    this.ttlNanos = Math.max(0, ttlNanos);
  }

  ApiPrincipal get(String keyHash) {
    Entry entry = entries.get(keyHash);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAtNanos() > 0) {
      entries.remove(keyHash, entry);
      return null;
    }
    return entry.principal();
  }

  /** The current generation; pass it to {@link #put} with what was looked up after reading it. */
  long generation() {
    return generation.get();
  }

  void put(String keyHash, ApiPrincipal principal, long lookedUpAt) {
    if (ttlNanos == 0 || generation.get() != lookedUpAt) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      // bounded, and rarely full: starting over is cheaper than tracking recency
      entries.clear();
    }
    entries.put(keyHash, new Entry(principal, System.nanoTime() + ttlNanos));
    if (generation.get() != lookedUpAt) {
      // an invalidation ran while we were adding: it may have missed this entry
      entries.remove(keyHash);
    }
  }

  /** Forgets every key of the tenant. */
  void forgetTenant(UUID tenantId) {
    generation.incrementAndGet();
    entries
        .values()
        .removeIf(e -> e.principal() instanceof TenantPrincipal t && t.tenant().id().equals(tenantId));
  }

  /** Forgets one key. */
  void forgetKey(String keyId) {
    generation.incrementAndGet();
    entries.values().removeIf(e -> e.principal().keyId().equals(keyId));
  }
}
