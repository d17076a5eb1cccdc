package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.RateLimit;
import com.ngx.rest.TenantPrincipal;
import com.ngx.tenant.CreatedApiKey;
import com.ngx.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyAuthenticatorTest {

  private static final String ABC_HASH =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  private static List<String> hashes(String[] keys, String env) {
    return KeyAuthenticator.operatorHashes(keys, env).stream()
        .map(b -> new String(b, StandardCharsets.US_ASCII))
        .toList();
  }

  static Stream<Arguments> operatorKeys() {
    return Stream.of(
        // nothing configured
        Arguments.of(null, null, List.of()),
        Arguments.of(new String[0], "", List.of()),
        // a plain key is stored as its SHA-256
        Arguments.of(new String[] {"abc"}, null, List.of(ABC_HASH)),
        // surrounding blanks are not part of the key
        Arguments.of(new String[] {"  abc  "}, null, List.of(ABC_HASH)),
        // a sha256: entry is taken as the hash itself, lower-cased
        Arguments.of(new String[] {"sha256:" + ABC_HASH.toUpperCase()}, null, List.of(ABC_HASH)),
        // a .cfg file gives "a, b" as one string
        Arguments.of(
            new String[] {"abc, sha256:" + Keys.hash("def")},
            null,
            List.of(ABC_HASH, Keys.hash("def"))),
        // the environment variable adds one, stripped
        Arguments.of(new String[] {"abc"}, " def\n", List.of(ABC_HASH, Keys.hash("def"))),
        // the environment variable alone
        Arguments.of(null, "abc", List.of(ABC_HASH)),
        // blank entries and a blank variable are ignored
        Arguments.of(new String[] {"", " , ,abc,", "  "}, "   ", List.of(ABC_HASH)));
  }

  @ParameterizedTest
  @MethodSource("operatorKeys")
  void operatorHashes(String[] keys, String env, List<String> expected) {
    assertEquals(expected, hashes(keys, env));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // only the burst: half of it per second
        "NULL, 10, 5, 10",
        // a burst of 1 still refills at 1/s
        "NULL, 1, 1, 1",
        "NULL, 3, 1, 3",
        // only the rate: twice it as burst
        "7, NULL, 7, 14",
        // both given: taken as they are
        "5, 3, 5, 3",
      },
      nullValues = "NULL")
  void rateLimitFillsAMissingHalf(Integer perSecond, Integer burst, int rate, int size) {
    assertEquals(new RateLimit(rate, size), KeyAuthenticator.rateLimit(perSecond, burst));
  }

  @Test
  void configuredOperatorKeysAuthenticateWithoutTheDatabase() {
    // no EntityManagerFactory, no Transactions, no cache: a configured key never reaches them
    KeyAuthenticator auth =
        new KeyAuthenticator(
            null, null, null, new String[] {"plain-key, sha256:" + Keys.hash("hashed-key")}, "env-key");

    assertTrue(auth.hasConfiguredOperatorKey());
    assertEquals(Optional.of(new OperatorPrincipal("config")), auth.authenticate("plain-key"));
    assertEquals(Optional.of(new OperatorPrincipal("config")), auth.authenticate("hashed-key"));
    assertEquals(Optional.of(new OperatorPrincipal("config")), auth.authenticate("env-key"));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // no key
        "NULL",
        "''",
      },
      nullValues = "NULL")
  void emptyKeysAreUnknownWithoutALookUp(String key) {
    KeyAuthenticator auth = new KeyAuthenticator(null, null, null, new String[0], null);

    assertFalse(auth.hasConfiguredOperatorKey());
    assertEquals(Optional.empty(), auth.authenticate(key));
  }

  @Test
  void overlongKeysAreUnknownWithoutALookUp() {
    KeyAuthenticator auth = new KeyAuthenticator(null, null, null, new String[] {"x".repeat(201)}, null);

    // even one configured as an operator key: nothing that long is a real key
    assertEquals(Optional.empty(), auth.authenticate("x".repeat(201)));
  }

  // --- stored keys, on the database ---

  private final TenantDatabase db = TenantDatabase.get();
  // one cache for the three, as the components share it in the runtime
  private final AuthCache cache = new AuthCache(Duration.ofMinutes(1).toNanos());
  private final TenantServiceImpl tenants =
      new TenantServiceImpl(
          db.unit, db.tx, db.schemas, cache, Duration.ofDays(30), Clock.systemUTC());
  private final ApiKeyServiceImpl keys = new ApiKeyServiceImpl(db.unit, null, db.tx, cache);
  private final KeyAuthenticator auth =
      new KeyAuthenticator(db.unit, db.tx, cache, new String[0], null);

  private Tenant newTenant() {
    return tenants.provision(TenantDatabase.uniqueSlug("auth"), "Auth");
  }

  @Test
  void aTenantKeyGivesItsTenantSchemaScopesAndLimit() {
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("keys:read", "settings:read"));

    ApiPrincipal principal = auth.authenticate(key.secret()).orElseThrow();

    TenantPrincipal p = (TenantPrincipal) principal;
    assertEquals(new TenantContext(tenant.id(), tenant.slug()), p.tenant());
    assertEquals(tenant.schema(), p.schema());
    assertTrue(p.active());
    assertNull(p.inactiveReason());
    assertEquals(key.key().id().toString(), p.keyId());
    assertEquals(Set.of("keys:read", "settings:read"), p.scopes());
    // no limit of its own: the platform default applies
    assertNull(p.rateLimit());
  }

  @Test
  void aTenantsOwnLimitComesWithItsKeys() {
    Tenant tenant = newTenant();
    tenants.setRateLimit(tenant.id(), null, 8);
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));

    TenantPrincipal p = (TenantPrincipal) auth.authenticate(key.secret()).orElseThrow();

    assertEquals(new RateLimit(4, 8), p.rateLimit());
  }

  @Test
  void aSuspendedTenantsKeyIsKnownButInactive() {
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));
    tenants.suspend(tenant.id(), "unpaid");

    TenantPrincipal p = (TenantPrincipal) auth.authenticate(key.secret()).orElseThrow();

    assertFalse(p.active());
    assertEquals("The tenant is suspended: unpaid", p.inactiveReason());
  }

  @Test
  void unknownRevokedAndDeletedTenantsKeysAreRefused() {
    Tenant tenant = newTenant();
    CreatedApiKey revoked = keys.createTenantKey(tenant.id(), "old", Set.of("*"));
    keys.revoke(tenant.id(), revoked.key().id());
    Tenant deleted = newTenant();
    CreatedApiKey ofDeleted = keys.createTenantKey(deleted.id(), "crm", Set.of("*"));
    tenants.delete(deleted.id());

    assertEquals(Optional.empty(), auth.authenticate(Keys.newSecret(Keys.TENANT_PREFIX)));
    assertEquals(Optional.empty(), auth.authenticate(revoked.secret()));
    assertEquals(Optional.empty(), auth.authenticate(ofDeleted.secret()));
  }

  @Test
  void aStoredOperatorKeyGivesAnOperator() {
    CreatedApiKey key = keys.createOperatorKey("tooling");

    assertEquals(
        Optional.of(new OperatorPrincipal(key.key().id().toString())), auth.authenticate(key.secret()));
  }

  // --- the cache ---

  private void deleteKeyBehindTheServicesBack(CreatedApiKey key) throws Exception {
    try (var c = db.connection();
        var ps = c.prepareStatement("delete from api_key where id = ?")) {
      ps.setString(1, key.key().id().toString());
      assertEquals(1, ps.executeUpdate());
    }
  }

  @Test
  void aKnownKeyIsServedFromTheCacheWithoutTheDatabase() throws Exception {
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));
    ApiPrincipal first = auth.authenticate(key.secret()).orElseThrow();

    deleteKeyBehindTheServicesBack(key);

    assertEquals(Optional.of(first), auth.authenticate(key.secret()));
  }

  @Test
  void withTheCacheOffEveryRequestAsksTheDatabase() throws Exception {
    KeyAuthenticator uncached = new KeyAuthenticator(db.unit, db.tx, new AuthCache(0), new String[0], null);
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));
    assertTrue(uncached.authenticate(key.secret()).isPresent());

    deleteKeyBehindTheServicesBack(key);

    assertEquals(Optional.empty(), uncached.authenticate(key.secret()));
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceDespiteTheCache() {
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));
    assertTrue(auth.authenticate(key.secret()).isPresent());

    keys.revoke(tenant.id(), key.key().id());

    assertEquals(Optional.empty(), auth.authenticate(key.secret()));
  }

  @Test
  void aTenantChangeIsSeenAtOnceDespiteTheCache() {
    Tenant tenant = newTenant();
    CreatedApiKey key = keys.createTenantKey(tenant.id(), "crm", Set.of("*"));
    assertTrue(((TenantPrincipal) auth.authenticate(key.secret()).orElseThrow()).active());

    tenants.suspend(tenant.id(), "unpaid");
    TenantPrincipal suspended = (TenantPrincipal) auth.authenticate(key.secret()).orElseThrow();
    tenants.setRateLimit(tenant.id(), 3, 6);
    TenantPrincipal limited = (TenantPrincipal) auth.authenticate(key.secret()).orElseThrow();
    tenants.delete(tenant.id());

    assertFalse(suspended.active());
    assertEquals(new RateLimit(3, 6), limited.rateLimit());
    assertEquals(Optional.empty(), auth.authenticate(key.secret()));
  }
}
