package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.tenant.ApiKey;
import com.ngx.tenant.CreatedApiKey;
import com.ngx.tenant.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyServiceImplTest {

  private static final UUID SOMEONE = UUID.fromString("00000000-0000-0000-0000-000000000001");

  // --- validation, before any database access ---

  private final ApiKeyServiceImpl offline = new ApiKeyServiceImpl(null, null, null, null);

  private static List<FieldError> errors(Runnable call) {
    ApiException e = assertThrows(ApiException.class, call::run);
    assertEquals(400, e.status());
    return e.errors();
  }

  @Test
  void aKeyNeedsANameAndAScope() {
    assertEquals(
        List.of(
            new FieldError("name", "is required"),
            new FieldError("scopes", "must name at least one scope")),
        errors(() -> offline.createTenantKey(SOMEONE, " ", Set.of())));
    assertEquals(
        List.of(new FieldError("scopes", "must name at least one scope")),
        errors(() -> offline.createTenantKey(SOMEONE, "crm", null)));
  }

  @Test
  void aNameHasAtMost100Characters() {
    assertEquals(
        List.of(new FieldError("name", "must be at most 100 characters")),
        errors(() -> offline.createTenantKey(SOMEONE, "x".repeat(101), Set.of("*"))));
  }

  @Test
  void everyUnknownScopeIsNamed() {
    List<FieldError> errors =
        errors(() -> offline.createTenantKey(SOMEONE, "crm", Set.of("keys:read", "root", "admin")));

    String known = "known scopes: " + new java.util.TreeSet<>(com.ngx.rest.Scopes.KNOWN);
    assertEquals(
        List.of(
            new FieldError("scopes", "'admin' is not a scope; " + known),
            new FieldError("scopes", "'root' is not a scope; " + known)),
        errors);
  }

  // --- on the database ---

  private final TenantDatabase db = TenantDatabase.get();
  private final AuthCache cache = new AuthCache(Duration.ofMinutes(1).toNanos());
  private final ApiKeyServiceImpl keys = new ApiKeyServiceImpl(db.unit, null, db.tx, cache);
  private final TenantServiceImpl tenants =
      new TenantServiceImpl(
          db.unit, db.tx, db.schemas, cache, Duration.ofDays(30), Clock.systemUTC());

  private Tenant newTenant() {
    return tenants.provision(TenantDatabase.uniqueSlug("keys"), "Keys");
  }

  private String storedHash(UUID keyId) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("select secret_hash from api_key where id = ?")) {
      ps.setString(1, keyId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Test
  void aTenantKeyIsShownOnceAndStoredAsItsHash() throws Exception {
    Tenant tenant = newTenant();

    CreatedApiKey created =
        keys.createTenantKey(tenant.id(), " crm sync ", Set.of("settings:write", "keys:read"));

    ApiKey key = created.key();
    assertTrue(created.secret().startsWith(Keys.TENANT_PREFIX));
    assertEquals(Keys.displayPrefix(created.secret()), key.prefix());
    assertEquals("crm sync", key.name());
    assertEquals(tenant.id(), key.tenantId());
    assertEquals(List.of("keys:read", "settings:write"), List.copyOf(key.scopes()));
    assertNull(key.revokedAt());
    assertEquals(Keys.hash(created.secret()), storedHash(key.id()));
  }

  @Test
  void noKeysForUnknownOrDeletedTenants() {
    Tenant deleted = newTenant();
    tenants.delete(deleted.id());

    assertEquals(
        404,
        assertThrows(ApiException.class, () -> keys.createTenantKey(UUID.randomUUID(), "k", Set.of("*")))
            .status());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> keys.createTenantKey(deleted.id(), "k", Set.of("*")))
            .status());
  }

  @Test
  void listCountAndRevoke() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    CreatedApiKey first = keys.createTenantKey(tenant.id(), "first", Set.of("*"));
    CreatedApiKey second = keys.createTenantKey(tenant.id(), "second", Set.of("keys:read"));
    keys.createTenantKey(other.id(), "other", Set.of("*"));

    assertEquals(2, keys.count(tenant.id()));
    assertEquals(
        Set.of(first.key().id(), second.key().id()),
        Set.copyOf(keys.list(tenant.id(), 0, 50).stream().map(ApiKey::id).toList()));
    assertEquals(1, keys.list(tenant.id(), 1, 1).size());

    // another tenant cannot revoke it, nor can an unknown id be revoked
    assertFalse(keys.revoke(other.id(), first.key().id()));
    assertFalse(keys.revoke(tenant.id(), UUID.randomUUID()));
    assertTrue(keys.revoke(tenant.id(), first.key().id()));
    // revoking twice is fine
    assertTrue(keys.revoke(tenant.id(), first.key().id()));

    ApiKey revoked =
        keys.list(tenant.id(), 0, 50).stream()
            .filter(k -> k.id().equals(first.key().id()))
            .findFirst()
            .orElseThrow();
    assertNotNull(revoked.revokedAt());
  }

  @Test
  void operatorKeys() {
    CreatedApiKey created = keys.createOperatorKey("bootstrap");

    assertTrue(created.secret().startsWith(Keys.OPERATOR_PREFIX));
    assertNull(created.key().tenantId());
    assertEquals(new LinkedHashSet<>(List.of("*")), created.key().scopes());
    assertTrue(keys.hasOperatorKey());
  }
}
