package com.ngx.billing.internal;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant registry for billing tests: tenants a test adds (id, slug, name), kept in memory. Only
 * what billing asks of a {@link TenantService} works; the rest throws.
 */
public final class FakeTenants implements TenantService {
  private final Map<UUID, Tenant> tenants = new ConcurrentHashMap<>();
  private final Clock clock;

  public FakeTenants(Clock clock) {
    this.clock = clock;
  }

  /** Adds an active tenant. */
  public Tenant add(UUID id, String slug, String name) {
    Tenant t = new Tenant(id, slug, name, TenantStatus.ACTIVE, null, "t_" + slug.replace('-', '_'), null, null,
        clock.instant(), clock.instant(), null, null);
    if (tenants.putIfAbsent(id, t) != null) {
      throw new IllegalArgumentException("Tenant " + id + " exists");
    }
    return t;
  }

  @Override
  public Tenant provision(String slug, String name) {
    throw new UnsupportedOperationException("tests add tenants with add(id, slug, name)");
  }

  @Override
  public Optional<Tenant> get(UUID id) {
    return Optional.ofNullable(tenants.get(id));
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return tenants.values().stream().filter(t -> t.slug().equals(slug)).findFirst();
  }

  @Override
  public List<Tenant> list(TenantQuery query) {
    return tenants.values().stream().sorted(Comparator.comparing(Tenant::createdAt).reversed())
        .skip(query.offset()).limit(query.limit()).toList();
  }

  @Override
  public long count(TenantQuery query) {
    return tenants.size();
  }

  @Override
  public Tenant update(UUID id, String name, boolean changeLimits, Integer ratePerSecond, Integer rateBurst) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant rename(UUID id, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant setRateLimit(UUID id, Integer ratePerSecond, Integer rateBurst) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant suspend(UUID id, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant reactivate(UUID id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant delete(UUID id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tenant purge(UUID id) {
    throw new UnsupportedOperationException();
  }
}
