package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Metering;
import com.ngx.billing.UsageEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An add-on's usage units: charged in the ledger when priced per usage and billable, and always
 * reported to billing's metering (a recording fake that de-duplicates by id as billing does).
 */
class AddonUsageTest {

  /** Metering that keeps what it is handed, counting each (tenant, id) once. */
  private static final class RecordingMetering implements Metering {
    final List<UsageEvent> handed = new ArrayList<>();
    final Set<String> recorded = new HashSet<>();
    boolean failing;

    @Override
    public int record(TenantContext tenant, List<UsageEvent> events) {
      if (failing) {
        throw new IllegalStateException("billing is down");
      }
      int n = 0;
      for (UsageEvent e : events) {
        handed.add(e);
        if (recorded.add(tenant.id() + "/" + e.id())) {
          n++;
        }
      }
      return n;
    }
  }

  private static final Instant NOW = Instant.parse("2026-10-07T15:30:00Z");

  private final MarketplaceDatabase db = MarketplaceDatabase.get();
  private final MutableClock clock = new MutableClock(NOW);
  private final Store store = db.store(clock);
  private final Ledger ledger = new Ledger(store, (source, period) -> List.of(), 8000);
  private final RecordingMetering metering = new RecordingMetering();
  private final AddonUsage usage = new AddonUsage(store, ledger, metering);

  private final TenantContext tenant = new TenantContext(UUID.randomUUID(), "acme");
  private final String installation = UUID.randomUUID().toString();

  private Active active(Pricing pricing, String entitlement, Instant trialEndsAt) {
    return new Active(installation, tenant.id().toString(), "t_acme", "acme", UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), "acme-leads", UUID.randomUUID().toString(), "1.0.0", "0".repeat(64),
        Installations.ACTIVE, 0, Map.of(), pricing, null, entitlement, trialEndsAt);
  }

  private static Pricing perUsage(long unitMinor) {
    return new Pricing(Pricing.PER_USAGE, unitMinor, "USD", "lead", 0);
  }

  private List<Ledger.Entry> ledgerLines() {
    YearMonth month = YearMonth.of(2026, 10);
    return ledger.forTenant(tenant.id(), month, month);
  }

  @Test
  void aBillableUnitIsChargedAndReportedToMetering() {
    usage.record(active(perUsage(5), "paid", null), tenant, 3, "lead-1");

    List<Ledger.Entry> lines = ledgerLines();
    assertEquals(1, lines.size());
    assertEquals(15, lines.get(0).amountMinor());
    assertEquals(3, lines.get(0).quantity());
    assertEquals(
        List.of(new UsageEvent("addon:" + installation + ":lead-1", "addon:acme-leads", 3, NOW)), metering.handed);
  }

  @Test
  void aRetriedKeyIsChargedAndCountedOnce() {
    Active a = active(perUsage(5), "paid", null);
    usage.record(a, tenant, 2, "lead-1");
    clock.set(NOW.plusSeconds(30));
    usage.record(a, tenant, 2, "lead-1");

    assertEquals(1, ledgerLines().size());
    // both attempts reach billing with the same id; billing keeps one
    assertEquals(2, metering.handed.size());
    assertEquals(metering.handed.get(0).id(), metering.handed.get(1).id());
    assertEquals(1, metering.recorded.size());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        // priced per usage, trial still running: not charged yet
        "per-usage, 5, trial, 2026-10-20T00:00:00Z",
        // a monthly add-on that counts units: the fee is its price
        "monthly, 999, paid, NULL",
        // a one-off add-on
        "one-off, 4900, paid, NULL",
        // free
        "free, 0, free, NULL",
      })
  void unitsThatAreNotChargedAreStillReported(String model, long price, String entitlement, String trialEnds) {
    Pricing pricing = new Pricing(model, price, "USD", Pricing.PER_USAGE.equals(model) ? "lead" : null, 0);

    usage.record(active(pricing, entitlement, trialEnds == null ? null : Instant.parse(trialEnds)), tenant, 4, "k-1");

    assertEquals(List.of(), ledgerLines());
    assertEquals(List.of(new UsageEvent("addon:" + installation + ":k-1", "addon:acme-leads", 4, NOW)),
        metering.handed);
  }

  @Test
  void aTrialThatEndedIsCharged() {
    usage.record(active(perUsage(5), "trial", NOW.minusSeconds(1)), tenant, 1, "lead-1");

    assertEquals(1, ledgerLines().size());
    assertEquals(1, metering.handed.size());
  }

  @Test
  void meteringFailingDoesNotFailTheCallNorTheCharge() {
    metering.failing = true;

    usage.record(active(perUsage(5), "paid", null), tenant, 1, "lead-1");

    assertEquals(1, ledgerLines().size());
    // a later retry with the same key reports the units; the charge stays single
    metering.failing = false;
    usage.record(active(perUsage(5), "paid", null), tenant, 1, "lead-1");
    assertEquals(1, ledgerLines().size());
    assertEquals(1, metering.recorded.size());
  }

  @Test
  void aKeyTooLongForTheEventIdIsHashedStably() {
    String longKey = "k".repeat(200);
    String other = "k".repeat(199) + "j";

    String id = AddonUsage.eventId(installation, longKey);

    assertTrue(id.length() <= 120, id);
    assertTrue(id.startsWith("addon:" + installation + ":sha256:"), id);
    assertEquals(id, AddonUsage.eventId(installation, longKey));
    assertNotEquals(id, AddonUsage.eventId(installation, other));
    // the longest key that fits is kept as it is
    String fits = "x".repeat(AddonUsage.MAX_KEY_IN_ID);
    assertEquals(120, AddonUsage.eventId(installation, fits).length());
    assertEquals("addon:" + installation + ":" + fits, AddonUsage.eventId(installation, fits));
    // and recording with a long key works end to end
    usage.record(active(perUsage(5), "paid", null), tenant, 1, longKey);
    assertEquals(id, metering.handed.get(0).id());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        // no units
        "0, k",
        // no key
        "1, NULL",
        // an empty key
        "1, ''",
      })
  void badArgumentsRecordNothing(long quantity, String key) {
    assertThrows(IllegalArgumentException.class,
        () -> usage.record(active(perUsage(5), "paid", null), tenant, quantity, key));

    assertEquals(List.of(), ledgerLines());
    assertEquals(List.of(), metering.handed);
  }
}
