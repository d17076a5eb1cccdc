package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantLifecycleParticipant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input validation, which happens before any database access (the service is built without a
 * persistence unit, transactions or schemas, so a call that got past validation would fail), then
 * the tenant lifecycle on the real persistence unit over H2.
 */
class TenantServiceImplTest {

  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final TenantServiceImpl service =
      new TenantServiceImpl(null, null, null, null, Duration.ofDays(30), Clock.systemUTC());

  private static void assertInvalid(Executable call, String... expected) {
    ApiException e = assertThrows(ApiException.class, call);
    assertEquals(400, e.status());
    assertEquals(
        Arrays.asList(expected),
        e.errors().stream().map(err -> err.field() + ": " + err.message()).toList());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a bad slug and a missing name: both reported at once
        "Acme  | NULL  | slug: must be lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen; name: is required",
        // a reserved slug
        "admin | Admin | slug: is reserved",
        // no slug
        "NULL  | Acme  | slug: is required",
        // a blank name
        "acme  | '   ' | name: is required",
      },
      nullValues = "NULL")
  void provisionValidatesSlugAndName(String slug, String name, String errors) {
    assertInvalid(() -> service.provision(slug, name), errors.split("; "));
  }

  @Test
  void provisionRefusesNamesLongerThan200Characters() {
    assertInvalid(
        () -> service.provision("acme", "x".repeat(201)), "name: must be at most 200 characters");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // zero per second
        "0      | NULL    | limits.ratePerSecond: must be between 1 and 100000",
        // above the maximum rate
        "100001 | NULL    | limits.ratePerSecond: must be between 1 and 100000",
        // a negative burst
        "NULL   | -1      | limits.rateBurst: must be between 1 and 1000000",
        // above the maximum burst
        "NULL   | 1000001 | limits.rateBurst: must be between 1 and 1000000",
        // both wrong
        "0      | 0       | limits.ratePerSecond: must be between 1 and 100000; limits.rateBurst: must be between 1 and 1000000",
      },
      nullValues = "NULL")
  void setRateLimitValidatesBothHalves(Integer perSecond, Integer burst, String errors) {
    assertInvalid(() -> service.setRateLimit(ID, perSecond, burst), errors.split("; "));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // no reason
        "NULL, reason: is required",
        // a blank reason
        "'  ', reason: is required",
      },
      nullValues = "NULL")
  void suspendNeedsAReason(String reason, String error) {
    assertInvalid(() -> service.suspend(ID, reason), error);
  }

  @Test
  void suspendRefusesReasonsLongerThan500Characters() {
    assertInvalid(() -> service.suspend(ID, "x".repeat(501)), "reason: must be at most 500 characters");
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "NULL, name: is required",
        "'', name: is required",
      },
      nullValues = "NULL")
  void renameNeedsAName(String name, String error) {
    assertInvalid(() -> service.rename(ID, name), error);
  }

  @Test
  void errorsAreFieldErrors() {
    ApiException e = assertThrows(ApiException.class, () -> service.rename(ID, null));

    assertEquals(new FieldError("name", "is required"), e.errors().get(0));
  }

  // --- the lifecycle, on the database ---

  private static final Instant START = Instant.parse("2026-01-05T10:00:00.123Z");
  private static final Duration GRACE = Duration.ofDays(30);

  private final TenantDatabase db = TenantDatabase.get();
  private final MutableClock clock = new MutableClock(START);
  private final AuthCache cache = new AuthCache(Duration.ofMinutes(1).toNanos());
  private final TenantServiceImpl tenants =
      new TenantServiceImpl(db.unit, db.tx, db.schemas, cache, GRACE, clock);
  private final ApiKeyServiceImpl keys = new ApiKeyServiceImpl(db.unit, null, db.tx, cache);

  /** Records what it is told, and fails provisioning when asked to. */
  private static final class Participant implements TenantLifecycleParticipant {
    final List<String> calls = new ArrayList<>();
    boolean fail;

    @Override
    public void provisioning(Tenant tenant) {
      calls.add("provisioning " + tenant.slug() + " " + tenant.status());
      if (fail) {
        throw new IllegalStateException("crm is down");
      }
    }

    @Override
    public void purged(Tenant tenant) {
      calls.add("purged " + tenant.slug());
    }
  }

  @Test
  void provisionCreatesAnActiveTenantWithItsSchema() {
    String slug = TenantDatabase.uniqueSlug("acme");
    Participant participant = new Participant();
    tenants.addParticipant(participant);

    Tenant tenant = tenants.provision(slug, "  Acme Corp  ");

    assertEquals(slug, tenant.slug());
    assertEquals("Acme Corp", tenant.name());
    assertEquals(TenantStatus.ACTIVE, tenant.status());
    assertEquals(Slugs.schemaOf(slug), tenant.schema());
    assertEquals(START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), tenant.createdAt());
    assertTrue(db.schemas.exists(tenant.schema()));
    assertEquals(List.of("provisioning " + slug + " PROVISIONING"), participant.calls);
    assertEquals(Optional.of(tenant), tenants.get(tenant.id()));
    assertEquals(Optional.of(tenant), tenants.findBySlug(slug));
  }

  @Test
  void aTakenSlugIs409() {
    String slug = TenantDatabase.uniqueSlug("taken");
    tenants.provision(slug, "First");

    ApiException e = assertThrows(ApiException.class, () -> tenants.provision(slug, "Second"));

    assertEquals(409, e.status());
    assertEquals(List.of(new FieldError("slug", "is already taken")), e.errors());
  }

  @Test
  void aFailedProvisioningLeavesNothingBehind() {
    String slug = TenantDatabase.uniqueSlug("broken");
    Participant participant = new Participant();
    participant.fail = true;
    tenants.addParticipant(participant);

    ApiException e = assertThrows(ApiException.class, () -> tenants.provision(slug, "Broken"));

    assertEquals(500, e.status());
    assertTrue(e.getMessage().contains("crm is down"), e.getMessage());
    assertEquals(Optional.empty(), tenants.findBySlug(slug));
    assertFalse(db.schemas.exists(Slugs.schemaOf(slug)));
    // the slug is free again
    tenants.removeParticipant(participant);
    assertEquals(TenantStatus.ACTIVE, tenants.provision(slug, "Fixed").status());
  }

  @Test
  void suspendAndReactivate() {
    Tenant tenant = tenants.provision(TenantDatabase.uniqueSlug("susp"), "Susp");

    Tenant suspended = tenants.suspend(tenant.id(), "  unpaid invoice ");
    Tenant again = tenants.suspend(tenant.id(), "still unpaid");
    Tenant active = tenants.reactivate(tenant.id());

    assertEquals(TenantStatus.SUSPENDED, suspended.status());
    assertEquals("unpaid invoice", suspended.statusReason());
    assertEquals("still unpaid", again.statusReason());
    assertEquals(TenantStatus.ACTIVE, active.status());
    assertNull(active.statusReason());
  }

  @Test
  void deleteSetsTheGracePeriodAndReactivateRestores() {
    Tenant tenant = tenants.provision(TenantDatabase.uniqueSlug("del"), "Del");
    clock.advance(Duration.ofHours(1));

    Tenant deleted = tenants.delete(tenant.id());

    assertEquals(TenantStatus.DELETED, deleted.status());
    assertEquals(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), deleted.deletedAt());
    assertEquals(deleted.deletedAt().plus(GRACE), deleted.purgeAfter());
    // deleting again changes nothing
    assertEquals(deleted.purgeAfter(), tenants.delete(tenant.id()).purgeAfter());
    // a deleted tenant can be neither renamed nor suspended
    assertEquals(409, assertThrows(ApiException.class, () -> tenants.rename(tenant.id(), "X")).status());
    assertEquals(409, assertThrows(ApiException.class, () -> tenants.suspend(tenant.id(), "x")).status());

    Tenant restored = tenants.reactivate(tenant.id());

    assertEquals(TenantStatus.ACTIVE, restored.status());
    assertNull(restored.deletedAt());
    assertNull(restored.purgeAfter());
  }

  @Test
  void purgeDropsTheSchemaAndTheKeysButKeepsTheSlug() {
    Participant participant = new Participant();
    tenants.addParticipant(participant);
    String slug = TenantDatabase.uniqueSlug("purge");
    Tenant tenant = tenants.provision(slug, "Purge");
    keys.createTenantKey(tenant.id(), "crm", Set.of("*"));

    assertEquals(409, assertThrows(ApiException.class, () -> tenants.purge(tenant.id())).status());
    tenants.delete(tenant.id());
    Tenant purged = tenants.purge(tenant.id());

    assertEquals(TenantStatus.PURGED, purged.status());
    assertFalse(db.schemas.exists(tenant.schema()));
    assertEquals(0, keys.count(tenant.id()));
    assertTrue(participant.calls.contains("purged " + slug));
    assertEquals(409, assertThrows(ApiException.class, () -> tenants.provision(slug, "Again")).status());
    assertEquals(409, assertThrows(ApiException.class, () -> tenants.reactivate(tenant.id())).status());
    // purging again is a no-op
    assertEquals(TenantStatus.PURGED, tenants.purge(tenant.id()).status());
  }

  @Test
  void housekeepingPurgesTenantsPastTheirGracePeriodOnly() {
    Tenant due = tenants.provision(TenantDatabase.uniqueSlug("due"), "Due");
    Tenant recent = tenants.provision(TenantDatabase.uniqueSlug("recent"), "Recent");
    tenants.delete(due.id());
    clock.advance(GRACE.minusDays(1));
    tenants.delete(recent.id());
    clock.advance(Duration.ofDays(1));

    tenants.housekeeping(Duration.ofMinutes(10));

    assertEquals(TenantStatus.PURGED, tenants.get(due.id()).orElseThrow().status());
    assertEquals(TenantStatus.DELETED, tenants.get(recent.id()).orElseThrow().status());
  }

  @Test
  void renameAndRateLimit() {
    Tenant tenant = tenants.provision(TenantDatabase.uniqueSlug("ren"), "Old");

    assertEquals("New", tenants.rename(tenant.id(), " New ").name());
    Tenant limited = tenants.setRateLimit(tenant.id(), 5, null);
    assertEquals(5, limited.ratePerSecond());
    assertNull(limited.rateBurst());
    Tenant reset = tenants.setRateLimit(tenant.id(), null, null);
    assertNull(reset.ratePerSecond());
  }

  @Test
  void unknownTenants() {
    UUID nobody = UUID.randomUUID();

    assertEquals(Optional.empty(), tenants.get(nobody));
    assertEquals(404, assertThrows(ApiException.class, () -> tenants.rename(nobody, "X")).status());
    assertEquals(404, assertThrows(ApiException.class, () -> tenants.purge(nobody)).status());
  }

  @Test
  void listFiltersByStatusAndText() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    Tenant a = tenants.provision("lst-a-" + marker, "Alpha " + marker);
    clock.advance(Duration.ofSeconds(1));
    Tenant b = tenants.provision("lst-b-" + marker, "Beta " + marker);
    clock.advance(Duration.ofSeconds(1));
    Tenant c = tenants.provision("lst-c-" + marker, "Gamma " + marker);
    tenants.suspend(b.id(), "late");
    tenants.delete(c.id());
    tenants.purge(c.id());

    // newest first, purged ones left out unless asked for
    assertEquals(List.of(b.id(), a.id()), ids(new TenantQuery(null, marker, 0, 50)));
    assertEquals(2, tenants.count(new TenantQuery(null, marker, 0, 50)));
    assertEquals(List.of(b.id()), ids(new TenantQuery(TenantStatus.SUSPENDED, marker, 0, 50)));
    assertEquals(List.of(c.id()), ids(new TenantQuery(TenantStatus.PURGED, marker, 0, 50)));
    // text matches the slug or the name, case-insensitively
    assertEquals(List.of(a.id()), ids(new TenantQuery(null, "ALPHA " + marker.toUpperCase(), 0, 50)));
    // paging
    assertEquals(List.of(a.id()), ids(new TenantQuery(null, marker, 1, 1)));
  }

  private List<UUID> ids(TenantQuery query) {
    return tenants.list(query).stream().map(Tenant::id).toList();
  }
}
