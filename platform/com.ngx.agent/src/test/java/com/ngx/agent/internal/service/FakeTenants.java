package com.ngx.agent.internal.service;

import com.ngx.api.tenant.TenantContext;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tenant registry for tests: the tenants a test adds, listed in the order added. */
final class FakeTenants implements TenantService {
  private final List<Tenant> tenants = new CopyOnWriteArrayList<>();

  Tenant add(TenantContext context, String schema, TenantStatus status) {
    Instant now = Instant.now();
    Tenant t = new Tenant(context.id(), context.slug(), context.slug(), status, null, schema, null, null, now, now, null, null);
    tenants.add(t);
    return t;
  }

  @Override
  public Optional<Tenant> get(UUID id) {
    return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return tenants.stream().filter(t -> t.slug().equals(slug)).findFirst();
  }

  @Override
  public List<Tenant> list(TenantQuery query) {
    return tenants.stream().filter(t -> query.status() == null ? t.status() != TenantStatus.PURGED : t.status() == query.status())
        .skip(query.offset()).limit(query.limit()).toList();
  }

  @Override
  public long count(TenantQuery query) {
    return list(new TenantQuery(query.status(), query.text(), 0, Integer.MAX_VALUE)).size();
  }

  @Override
  public Tenant provision(String slug, String name) {
    throw new UnsupportedOperationException();
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
