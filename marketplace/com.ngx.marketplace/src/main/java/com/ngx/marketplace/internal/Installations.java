package com.ngx.marketplace.internal;

import com.ngx.api.event.EventTypes;
import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants' installations: entitlement, dry-run plan, hot deploy, health-gated upgrade with
 * automatic rollback, manual rollback, enable/disable, settings, uninstall with the plugin's data
 * retained, exported or purged; and the node's reconciliation of plugin bundles from the database.
 */
@Component(service = Installations.class, immediate = true)
public final class Installations {
  static final String ACTIVE = "active";
  static final String DISABLED = "disabled";
  static final String UNINSTALLED = "uninstalled";

  private static final Logger LOG = LoggerFactory.getLogger(Installations.class);

  /** An installation as tenants and operators see it. */
  public record Installation(
      UUID id,
      UUID tenantId,
      UUID listingId,
      String pluginId,
      String version,
      String status,
      String statusReason,
      String entitlement,
      Instant trialEndsAt,
      int failures,
      String lastFailure,
      Instant lastFailureAt,
      List<String> missingSettings,
      Instant installedAt,
      Instant updatedAt) {}

  /** What installing (or upgrading) would do. */
  public record InstallPlan(
      UUID listingId,
      String pluginId,
      String version,
      String fromVersion,
      String entitlement,
      Pricing pricing,
      PluginRuntime.Plan runtime) {}

  /** The outcome of an uninstall: the exported data when asked for. */
  public record Uninstalled(UUID id, String data, Map<String, String> export, int purged) {}

  private final Store store;
  private final Listings listings;
  private final PluginRuntime runtime;
  private final PluginHostImpl host;
  private final Ledger ledger;

  @Activate
  public Installations(
      @Reference Store store,
      @Reference Listings listings,
      @Reference PluginRuntime runtime,
      @Reference PluginHostImpl host,
      @Reference Ledger ledger) {
    this.store = store;
    this.listings = listings;
    this.runtime = runtime;
    this.host = host;
    this.ledger = ledger;
    Thread reconcile = new Thread(this::reconcile, "ngx-plugin-reconcile");
    reconcile.setDaemon(true);
    reconcile.start();
  }

  /** The live installations of a tenant as the runtime routes calls to them. */
  static List<Active> active(EntityManager em, String tenantId, String schema, String slug) {
    List<Object[]> rows =
        em.createQuery(
                "select i, v, l from InstallationEntity i, VersionEntity v, ListingEntity l"
                    + " where i.tenantId = :t and i.status <> 'uninstalled' and v.id = i.versionId"
                    + " and l.id = i.listingId order by i.installedAt",
                Object[].class)
            .setParameter("t", tenantId)
            .getResultList();
    List<Active> out = new ArrayList<>();
    for (Object[] r : rows) {
      InstallationEntity i = (InstallationEntity) r[0];
      VersionEntity v = (VersionEntity) r[1];
      ListingEntity l = (ListingEntity) r[2];
      out.add(
          new Active(
              i.id,
              i.tenantId,
              schema,
              slug,
              l.id,
              l.publisherId,
              l.pluginId,
              v.id,
              v.version,
              v.artifactSha256,
              i.status,
              i.failures,
              Json.readMap(i.settings),
              accepted(i, l),
              l.publisherShareBp,
              i.entitlement,
              Store.instant(i.trialEndsAt)));
    }
    return out;
  }

  /** The pricing the tenant accepted at install (the listing's current one for older rows). */
  static Pricing accepted(InstallationEntity i, ListingEntity l) {
    return i.acceptedPricing != null
        ? Json.readPricing(i.acceptedPricing)
        : new Pricing(l.pricingModel, l.priceMinor, l.currency, l.usageUnit, l.trialDays);
  }

  // ---- reading ----

  public List<Installation> list(TenantContext tenant) {
    return store.shared(
        em -> em.createNamedQuery("Installation.byTenant", InstallationEntity.class)
            .setParameter("tenant", tenant.id().toString())
            .getResultList()
            .stream()
            .map(i -> dto(em, i))
            .toList());
  }

  /** Every live installation (operators). */
  public List<Installation> all() {
    return store.shared(
        em -> em.createNamedQuery("Installation.live", InstallationEntity.class)
            .getResultList()
            .stream()
            .map(i -> dto(em, i))
            .toList());
  }

  /** The tenant's installation; 404 for another tenant's, exactly as for one that does not exist. */
  public Installation get(TenantContext tenant, UUID id) {
    return store.shared(em -> dto(em, own(em, tenant, id)));
  }

  // ---- plan and install ----

  public InstallPlan plan(TenantContext tenant, UUID listingId, String version) {
    Listings.Listing listing = listings.require(listingId);
    Listings.ListingVersion v = installable(listing, version, false);
    Optional<InstallationEntity> existing = existing(tenant, listingId);
    PluginRuntime.Target from = null;
    String fromVersion = null;
    if (existing.isPresent() && !UNINSTALLED.equals(existing.get().status)) {
      Listings.ListingVersion current = listings.versionById(UUID.fromString(existing.get().versionId)).orElseThrow();
      fromVersion = current.version();
      if (usersOf(current.id().toString()) <= 1) {
        from = target(listing, current);
      }
    }
    PluginRuntime.Plan plan = runtime.plan(target(listing, v), from);
    return new InstallPlan(
        listingId, listing.pluginId(), v.version(), fromVersion, entitlementFor(listing, existing),
        listing.pricing(), plan);
  }

  public Installation install(TenantContext tenant, UUID listingId, String version, Map<String, Object> settings) {
    Listings.Listing listing = listings.require(listingId);
    Listings.ListingVersion v = installable(listing, version, false);
    Optional<InstallationEntity> existing = existing(tenant, listingId);
    if (existing.isPresent() && !UNINSTALLED.equals(existing.get().status)) {
      throw ApiException.conflict(
          "listingId", "is installed already (installation " + existing.get().id + "); upgrade it instead");
    }
    PluginRuntime.Target target = target(listing, v);
    PluginRuntime.Plan plan = runtime.plan(target, null);
    if (!plan.allowed()) {
      throw ApiException.conflict("Installing would refresh platform bundles " + plan.platformBundlesAffected());
    }
    Bundle bundle = bringUp(target, "install");
    Map<String, Object> stored;
    try {
      Validator val = new Validator();
      stored = host.schema(bundle, listing.pluginId()).validate(settings == null ? Map.of() : settings, Map.of(), val);
      val.throwIfInvalid();
    } catch (ApiException e) {
      releaseIfUnused(target, v.id().toString());
      throw e;
    }
    Installation created;
    try {
      created =
          store.shared(
              em -> {
                InstallationEntity i =
                    em.createNamedQuery("Installation.byTenantAndListing", InstallationEntity.class)
                        .setParameter("tenant", tenant.id().toString())
                        .setParameter("listing", listingId.toString())
                        .getResultList()
                        .stream()
                        .findFirst()
                        .orElse(null);
                LocalDateTime now = store.utcNow();
                boolean fresh = i == null;
                if (fresh) {
                  i = new InstallationEntity();
                  i.id = UUID.randomUUID().toString();
                  i.tenantId = tenant.id().toString();
                  i.listingId = listingId.toString();
                } else if (!UNINSTALLED.equals(i.status)) {
                  throw ApiException.conflict("listingId", "is installed already");
                }
                i.versionId = v.id().toString();
                i.status = ACTIVE;
                i.statusReason = null;
                i.settings = Json.write(stored);
                i.failures = 0;
                i.lastFailure = null;
                i.lastFailureAt = null;
                i.installedAt = now;
                i.updatedAt = now;
                Pricing p = listing.pricing();
                i.acceptedPricing = Json.write(p);
                if (p.isFree()) {
                  i.entitlement = "free";
                } else if (p.trialDays() > 0 && i.trialEndsAt == null) {
                  i.entitlement = "trial";
                  i.trialEndsAt = now.plusDays(p.trialDays());
                } else if (p.trialDays() > 0 && i.trialEndsAt.isAfter(now)) {
                  i.entitlement = "trial";
                } else {
                  i.entitlement = "paid";
                }
                if (fresh) {
                  em.persist(i);
                }
                em.flush();
                if ("paid".equals(i.entitlement)) {
                  chargeStart(em, listing, p, i, YearMonth.from(now));
                }
                return dto(em, i);
              });
    } catch (javax.persistence.PersistenceException e) {
      // a concurrent install of the same listing by the same tenant won the unique index
      releaseIfUnused(target, v.id().toString());
      throw ApiException.conflict("listingId", "is being installed by another request");
    } catch (RuntimeException e) {
      releaseIfUnused(target, v.id().toString());
      throw e;
    }
    host.invalidate(tenant.id().toString());
    publish(tenant, EventTypes.PLUGIN_INSTALLED, Map.of("pluginId", listing.pluginId(),
        "version", v.version(), "installationId", created.id().toString()));
    return created;
  }

  // ---- upgrade and rollback ----

  /**
   * Moves the installation to another version, gated on the new version coming up healthy; on
   * failure the tenant stays on (is back on) its current version and the attempt is recorded.
   *
   * @param rollback allow going to an earlier version (any certified one)
   */
  public Installation changeVersion(TenantContext tenant, UUID installationId, String version, boolean rollback) {
    if (version == null || version.isBlank()) {
      throw ApiException.invalid("version", "is required");
    }
    InstallationEntity row = store.shared(em -> own(em, tenant, installationId));
    Listings.Listing listing = listings.require(UUID.fromString(row.listingId));
    Listings.ListingVersion current = listings.versionById(UUID.fromString(row.versionId)).orElseThrow();
    Listings.ListingVersion next = installable(listing, version, rollback);
    if (next.id().equals(current.id())) {
      throw ApiException.conflict("version", "the installation is on " + version + " already");
    }
    int cmp = Versions.sortKey(next.version()).compareTo(Versions.sortKey(current.version()));
    if (!rollback && cmp < 0) {
      throw ApiException.invalid("version", "is older than " + current.version() + "; use rollback");
    }
    if (rollback && cmp > 0) {
      throw ApiException.invalid("version", "is newer than " + current.version() + "; use upgrade");
    }
    PluginRuntime.Target from = target(listing, current);
    PluginRuntime.Target to = target(listing, next);
    PluginRuntime.Plan plan = runtime.plan(to, usersOf(current.id().toString()) <= 1 ? from : null);
    if (!plan.allowed()) {
      throw ApiException.conflict("Changing version would refresh platform bundles " + plan.platformBundlesAffected());
    }
    try {
      runtime.ensure(to);
    } catch (PluginRuntime.StartFailure e) {
      String reason = "Upgrade to " + next.version() + " failed (" + e.rule() + "): " + e.getMessage()
          + "; rolled back to " + current.version();
      store.shared(
          em -> {
            InstallationEntity i = em.find(InstallationEntity.class, row.id);
            i.lastFailure = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
            i.lastFailureAt = store.utcNow();
            return null;
          });
      LOG.warn("Tenant {}: {}", tenant.slug(), reason);
      // the old version's bundle was never touched; make sure it is (still) up
      try {
        runtime.ensure(from);
      } catch (PluginRuntime.StartFailure again) {
        LOG.error("Tenant {}: the current version {} does not start either: {}", tenant.slug(), current.version(),
            again.getMessage());
      }
      throw new ApiException(409, "Upgrade failed and was rolled back", reason, List.of());
    }
    Installation changed;
    try {
      changed =
          store.shared(
              em -> {
                InstallationEntity i = em.find(InstallationEntity.class, row.id);
                // someone else moved or uninstalled it meanwhile: theirs wins
                if (UNINSTALLED.equals(i.status) || !i.versionId.equals(current.id().toString())
                    || i.version != row.version) {
                  throw ApiException.conflict("The installation changed meanwhile; read it again and retry");
                }
                i.versionId = next.id().toString();
                i.failures = 0;
                i.updatedAt = store.utcNow();
                return dto(em, i);
              });
    } catch (ApiException e) {
      releaseIfUnused(to, next.id().toString());
      throw e;
    }
    host.invalidate(tenant.id().toString());
    releaseIfUnused(from, current.id().toString());
    publish(tenant, EventTypes.PLUGIN_UPGRADED, Map.of("pluginId", listing.pluginId(),
        "from", current.version(), "to", next.version(), "installationId", row.id));
    return changed;
  }

  // ---- enable, disable, settings ----

  public Installation setEnabled(TenantContext tenant, UUID id, boolean enabled) {
    Installation out =
        store.shared(
            em -> {
              InstallationEntity i = own(em, tenant, id);
              i.status = enabled ? ACTIVE : DISABLED;
              i.statusReason = enabled ? null : "Disabled by the tenant";
              if (enabled) {
                i.failures = 0;
              }
              i.updatedAt = store.utcNow();
              return dto(em, i);
            });
    host.invalidate(tenant.id().toString());
    return out;
  }

  /** The settings (passwords masked) and the form that describes them. */
  public Map<String, Object> settings(TenantContext tenant, UUID id) {
    Active a = activeOf(tenant, id);
    SettingsSchema schema = host.schema(a);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("values", schema.masked(a.settings()));
    out.put("missing", schema.missing(a.settings()));
    out.put("schema", schema.describe());
    return out;
  }

  public Map<String, Object> updateSettings(TenantContext tenant, UUID id, Map<String, Object> input) {
    if (input == null) {
      throw ApiException.badRequest("A JSON object of settings is required");
    }
    Active a = activeOf(tenant, id);
    Bundle bundle;
    try {
      bundle = runtime.ensure(a.target());
    } catch (PluginRuntime.StartFailure e) {
      throw ApiException.conflict("The plugin is not running, so its settings cannot be checked: " + e.getMessage());
    }
    Validator v = new Validator();
    Map<String, Object> stored = host.schema(bundle, a.pluginId()).validate(input, a.settings(), v);
    v.throwIfInvalid();
    store.shared(
        em -> {
          InstallationEntity i = own(em, tenant, id);
          i.settings = Json.write(stored);
          i.updatedAt = store.utcNow();
          return null;
        });
    host.invalidate(tenant.id().toString());
    return settings(tenant, id);
  }

  // ---- uninstall ----

  /** Uninstalls for the tenant; the plugin's data is retained, exported (returned) or purged. */
  public Uninstalled uninstall(TenantContext tenant, String schema, UUID id, String data) {
    String mode = data == null || data.isBlank() ? "retain" : data;
    if (!Set.of("retain", "export", "purge").contains(mode)) {
      throw ApiException.invalid("query.data", "must be retain, export or purge");
    }
    InstallationEntity row = store.shared(em -> own(em, tenant, id));
    Listings.Listing listing = listings.require(UUID.fromString(row.listingId));
    Listings.ListingVersion version = listings.versionById(UUID.fromString(row.versionId)).orElseThrow();
    // first stop routing calls to it, then export or purge: nothing writes after the purge
    store.shared(
        em -> {
          InstallationEntity i = em.find(InstallationEntity.class, row.id);
          if (UNINSTALLED.equals(i.status)) {
            throw ApiException.notFound("No installation " + id);
          }
          i.status = UNINSTALLED;
          i.statusReason = null;
          // settings are configuration: they leave with the installation, whatever happens to the data
          i.settings = "{}";
          i.updatedAt = store.utcNow();
          return null;
        });
    host.invalidate(tenant.id().toString());
    PluginDataStore pluginData = new PluginDataStore(store, schema, listing.pluginId());
    Map<String, String> export = "export".equals(mode) ? pluginData.all() : null;
    int purged = "purge".equals(mode) ? pluginData.purge() : 0;
    releaseIfUnused(target(listing, version), version.id().toString());
    publish(tenant, EventTypes.PLUGIN_UNINSTALLED, Map.of("pluginId", listing.pluginId(),
        "installationId", row.id, "data", mode));
    return new Uninstalled(id, mode, export, purged);
  }

  /** Erases what a purged tenant had: installations go, data went with its schema. */
  void tenantPurged(String tenantId) {
    List<Active> gone = store.shared(em -> active(em, tenantId, null, null));
    store.shared(
        em -> em.createQuery("update InstallationEntity i set i.status = 'uninstalled', i.settings = '{}'"
                + " where i.tenantId = :t")
            .setParameter("t", tenantId)
            .executeUpdate());
    host.invalidate(tenantId);
    for (Active a : gone) {
      releaseIfUnused(a.target(), a.versionId());
    }
  }

  // ---- periodic charges ----

  /**
   * Records the charges due for a month: monthly fees of paid installations, and one-off and
   * monthly charges of trials that ended. Idempotent per installation and month. The lines belong
   * to {@code period} even when posted after it ended (billing closes a month after its end).
   */
  public int runCharges(YearMonth period) {
    LocalDateTime end = period.plusMonths(1).atDay(1).atStartOfDay();
    return store.shared(
        em -> {
          int n = 0;
          List<Object[]> rows =
              em.createQuery(
                      "select i, l from InstallationEntity i, ListingEntity l where l.id = i.listingId"
                          + " and i.status <> 'uninstalled'",
                      Object[].class)
                  .getResultList();
          for (Object[] r : rows) {
            InstallationEntity i = (InstallationEntity) r[0];
            ListingEntity l = (ListingEntity) r[1];
            Pricing accepted = accepted(i, l);
            if (!Pricing.MONTHLY.equals(accepted.model()) && !Pricing.ONE_OFF.equals(accepted.model())) {
              continue;
            }
            if ("trial".equals(i.entitlement)) {
              if (i.trialEndsAt == null || !i.trialEndsAt.isBefore(end)) {
                continue;
              }
              i.entitlement = "paid";
            }
            if (!"paid".equals(i.entitlement) || !i.installedAt.isBefore(end)) {
              continue;
            }
            if (chargeStart(em, Listings.dto(l), accepted, i, period)) {
              n++;
            }
          }
          return n;
        });
  }

  private boolean chargeStart(
      EntityManager em, Listings.Listing l, Pricing p, InstallationEntity i, YearMonth period) {
    String key;
    String description;
    if (Pricing.ONE_OFF.equals(p.model())) {
      key = "oneoff:" + i.id;
      description = l.name() + " (one-off)";
    } else if (Pricing.MONTHLY.equals(p.model())) {
      key = "monthly:" + i.id + ":" + period;
      description = l.name() + " (" + period + ")";
    } else {
      return false;
    }
    return ledger.record(
        em,
        new Ledger.Charge(Ledger.CHARGE, l.id().toString(), l.publisherId().toString(), i.tenantId, i.id,
            description, 1, p.amountMinor(), p.currency(), l.publisherShareBasisPoints(), key, period));
  }

  // ---- the runtime ----

  /** Brings every version some tenant uses up on this node, and removes plugin bundles none uses. */
  void reconcile() {
    try {
      runtime.removeTrials();
      Map<String, PluginRuntime.Target> wanted = new LinkedHashMap<>();
      store.shared(
          em -> {
            em.createQuery(
                    "select distinct l.pluginId, v.version, v.artifactSha256 from InstallationEntity i,"
                        + " VersionEntity v, ListingEntity l where v.id = i.versionId and l.id = i.listingId"
                        + " and i.status <> 'uninstalled'",
                    Object[].class)
                .getResultList()
                .forEach(r -> {
                  PluginRuntime.Target t = new PluginRuntime.Target((String) r[0], (String) r[1], (String) r[2]);
                  wanted.put(t.location(), t);
                });
            return null;
          });
      for (PluginRuntime.Target t : wanted.values()) {
        try {
          runtime.ensure(t);
        } catch (PluginRuntime.StartFailure e) {
          LOG.error("Plugin {} {} does not start on this node: {}", t.pluginId(), t.version(), e.getMessage());
        }
      }
      Set<String> locations = new HashSet<>(wanted.keySet());
      for (Bundle b : runtime.pluginBundles()) {
        if (!locations.contains(b.getLocation())) {
          LOG.info("Removing {}: no tenant uses it", b.getLocation());
          runtime.removeBundle(b);
        }
      }
      LOG.info("Plugin runtime reconciled: {} plugin versions in use", wanted.size());
    } catch (RuntimeException e) {
      LOG.error("Reconciling plugin bundles failed", e);
    }
  }

  private void releaseIfUnused(PluginRuntime.Target target, String versionId) {
    if (usersOf(versionId) == 0) {
      runtime.remove(target);
    }
  }

  private long usersOf(String versionId) {
    return store.shared(
        em -> em.createQuery(
                "select count(i) from InstallationEntity i where i.versionId = :v and i.status <> 'uninstalled'",
                Long.class)
            .setParameter("v", versionId)
            .getSingleResult());
  }

  private Bundle bringUp(PluginRuntime.Target target, String what) {
    try {
      return runtime.ensure(target);
    } catch (PluginRuntime.StartFailure e) {
      throw new ApiException(
          409, "The add-on failed to start", "The " + what + " was refused (" + e.rule() + "): " + e.getMessage(),
          List.of());
    }
  }

  /** The version to install: the given one, or the newest published; published (or certified for a rollback). */
  private Listings.ListingVersion installable(Listings.Listing listing, String version, boolean rollback) {
    if (version == null || version.isBlank()) {
      return listings.versions(listing.id()).stream()
          .filter(v -> Listings.PUBLISHED.equals(v.status()))
          .findFirst()
          .orElseThrow(() -> ApiException.conflict("listingId", "has no published version"));
    }
    Listings.ListingVersion v =
        listings.version(listing.id(), version.strip())
            .orElseThrow(() -> ApiException.invalid("version", "no version " + version + " of this listing"));
    boolean ok = Listings.PUBLISHED.equals(v.status()) || (rollback && Listings.CERTIFIED.equals(v.status()));
    if (!ok) {
      throw ApiException.invalid("version", "version " + version + " is " + v.status() + ", not published");
    }
    return v;
  }

  private Optional<InstallationEntity> existing(TenantContext tenant, UUID listingId) {
    return store.shared(
        em -> em.createNamedQuery("Installation.byTenantAndListing", InstallationEntity.class)
            .setParameter("tenant", tenant.id().toString())
            .setParameter("listing", listingId.toString())
            .getResultList()
            .stream()
            .findFirst());
  }

  private static String entitlementFor(Listings.Listing l, Optional<InstallationEntity> existing) {
    Pricing p = l.pricing();
    if (p.isFree()) {
      return "free";
    }
    boolean trialUsed = existing.isPresent() && existing.get().trialEndsAt != null;
    return p.trialDays() > 0 && !trialUsed ? "trial" : "paid";
  }

  private Active activeOf(TenantContext tenant, UUID id) {
    return host.installations(tenant.id().toString()).stream()
        .filter(a -> a.installationId().equals(id.toString()))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("No installation " + id));
  }

  private static InstallationEntity own(EntityManager em, TenantContext tenant, UUID id) {
    InstallationEntity i = em.find(InstallationEntity.class, id.toString());
    if (i == null || !i.tenantId.equals(tenant.id().toString()) || UNINSTALLED.equals(i.status)) {
      throw ApiException.notFound("No installation " + id);
    }
    return i;
  }

  static PluginRuntime.Target target(Listings.Listing l, Listings.ListingVersion v) {
    return new PluginRuntime.Target(l.pluginId(), v.version(), v.sha256());
  }

  private Installation dto(EntityManager em, InstallationEntity i) {
    VersionEntity v = em.find(VersionEntity.class, i.versionId);
    ListingEntity l = em.find(ListingEntity.class, i.listingId);
    List<String> missing = List.of();
    Optional<Bundle> b = runtime.bundle(new PluginRuntime.Target(l.pluginId, v.version, v.artifactSha256));
    if (b.isPresent() && !UNINSTALLED.equals(i.status)) {
      missing = host.schema(b.get(), l.pluginId).missing(Json.readMap(i.settings));
    }
    return new Installation(
        UUID.fromString(i.id),
        UUID.fromString(i.tenantId),
        UUID.fromString(i.listingId),
        l.pluginId,
        v.version,
        i.status,
        i.statusReason,
        i.entitlement,
        Store.instant(i.trialEndsAt),
        i.failures,
        i.lastFailure,
        Store.instant(i.lastFailureAt),
        missing,
        Store.instant(i.installedAt),
        Store.instant(i.updatedAt));
  }

  private void publish(TenantContext tenant, String type, Map<String, String> data) {
    host.publish(tenant, type, data);
  }


}
