package com.ngx.marketplace.internal;

import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Metering;
import com.ngx.billing.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the usage units an add-on reports ({@code ctx.usage().record(quantity, key)}): a ledger
 * charge when the add-on is priced per usage and billable, and every unit, priced or not, to
 * billing's metering for the tenant's usage reports. Both are idempotent per installation and key.
 */
final class AddonUsage {
  private static final Logger LOG = LoggerFactory.getLogger(AddonUsage.class);

  /** {@code addon:<installation id>:} is 43 characters; a usage event id may have 120. */
  static final int MAX_KEY_IN_ID = 120 - 43;

  private final Store store;
  private final Ledger ledger;
  private final Metering metering;

  AddonUsage(Store store, Ledger ledger, Metering metering) {
    this.store = store;
    this.ledger = ledger;
    this.metering = metering;
  }

  /** Records {@code quantity} units of the installation's use under the plugin's idempotency key. */
  void record(Active a, TenantContext tenant, long quantity, String key) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1");
    }
    if (key == null || key.isEmpty() || key.length() > 200) {
      throw new IllegalArgumentException("idempotencyKey must be 1-200 characters");
    }
    Pricing p = a.pricing();
    // not priced per usage, or still in its trial: nothing to charge, but the units are still reported
    if (Pricing.PER_USAGE.equals(p.model()) && a.billable(store.now())) {
      ledger.record(
          new Ledger.Charge(
              Ledger.CHARGE,
              a.listingId(),
              a.publisherId(),
              a.tenantId(),
              a.installationId(),
              quantity + " × " + p.unit() + " (" + a.pluginId() + ")",
              quantity,
              p.amountMinor(),
              p.currency(),
              a.publisherShareBp(),
              "usage:" + a.installationId() + ":" + key,
              null));
    }
    UsageEvent event =
        new UsageEvent(
            eventId(a.installationId(), key), UsageEvent.ADDON_PREFIX + a.pluginId(), quantity, store.now());
    try {
      metering.record(tenant, List.of(event));
    } catch (RuntimeException e) {
      // the charge is recorded; the units only feed usage reports, and billing de-duplicates by
      // id, so the plugin retrying with the same key reports them then
      LOG.warn("Could not report {} usage units of {} for tenant {} to billing: {}", quantity, a.pluginId(),
          tenant.slug(), e.toString());
    }
  }

  /**
   * The usage event's id, stable for a key: {@code addon:<installation id>:<key>}; a key too long
   * for the id's 120 characters is replaced by its SHA-256.
   */
  static String eventId(String installationId, String key) {
    String k = key.length() <= MAX_KEY_IN_ID ? key : "sha256:" + sha256(key);
    return "addon:" + installationId + ":" + k;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
