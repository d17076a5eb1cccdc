package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.billing.Charge;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger lines billing takes onto tenants' invoices, on the real ledger over H2. */
class MarketplaceChargesTest {

  private final MarketplaceDatabase db = MarketplaceDatabase.get();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-09-15T10:00:00Z"));
  private final Store store = db.store(clock);
  private final Ledger ledger = new Ledger(store, (source, period) -> List.of(), 8000);
  // close() only delegates to Installations.runCharges; charges() needs the ledger alone
  private final MarketplaceCharges charges = new MarketplaceCharges(null, ledger);

  private final UUID tenant = UUID.randomUUID();
  private final UUID otherTenant = UUID.randomUUID();
  private final String publisher = UUID.randomUUID().toString();
  private final String listing = UUID.randomUUID().toString();

  /** Records a charge a minute after the previous one and returns its ledger entry. */
  private Ledger.Entry charge(UUID tenantId, String description, long quantity, long unitMinor, YearMonth period) {
    clock.advance(Duration.ofMinutes(1));
    String key = "test:" + UUID.randomUUID();
    assertTrue(ledger.record(new Ledger.Charge(Ledger.CHARGE, listing, publisher, tenantId.toString(), null,
        description, quantity, unitMinor, "USD", null, key, period)));
    return byKey(key);
  }

  private Ledger.Entry byKey(String key) {
    return store.shared(
        em -> Ledger.dto(em.createNamedQuery("Ledger.byKey", LedgerEntity.class)
            .setParameter("key", key)
            .getSingleResult()));
  }

  private static Charge asCharge(Ledger.Entry e) {
    return new Charge(e.id().toString(), e.description(), e.quantity(), e.unitPriceMinor(), e.amountMinor(),
        e.currency());
  }

  @Test
  void theSourceIsTheMarketplace() {
    assertEquals("marketplace", charges.source());
  }

  @Test
  void aTenantsChargesAreItsLedgerLinesUpToThePeriodInTheOrderRecordedWithRefundsNegative() {
    Ledger.Entry fee = charge(tenant, "Acme quotes (2026-09)", 1, 999, null);
    Ledger.Entry usage = charge(tenant, "3 × lead (acme-leads)", 3, 5, null);
    Ledger.Entry othersFee = charge(otherTenant, "Acme quotes (2026-09)", 1, 999, null);
    clock.set(Instant.parse("2026-10-02T08:00:00Z"));
    Ledger.Entry refund = ledger.refund(fee.id(), "goodwill");
    Ledger.Entry october = charge(tenant, "Acme quotes (2026-10)", 1, 500, null);

    // nothing before the first line
    assertEquals(List.of(), charges.charges(tenant, YearMonth.of(2026, 8)));
    // September: the fee and the usage, not October's lines
    assertEquals(List.of(asCharge(fee), asCharge(usage)), charges.charges(tenant, YearMonth.of(2026, 9)));
    // October: September's lines too (billing skips what it invoiced), then the refund and the new fee
    List<Charge> upToOctober = charges.charges(tenant, YearMonth.of(2026, 10));
    assertEquals(List.of(asCharge(fee), asCharge(usage), asCharge(refund), asCharge(october)), upToOctober);
    // the refund is the fee reversed: same quantity and unit price, a negative amount, its own ref
    Charge reversed = upToOctober.get(2);
    assertEquals(new Charge(refund.id().toString(), "Refund: goodwill", 1, 999, -999, "USD"), reversed);
    // the usage line keeps its quantity and unit price
    assertEquals(new Charge(usage.id().toString(), "3 × lead (acme-leads)", 3, 5, 15, "USD"), upToOctober.get(1));
    // the other tenant sees only its own line, and never this tenant's
    assertEquals(List.of(asCharge(othersFee)), charges.charges(otherTenant, YearMonth.of(2026, 10)));
  }

  @Test
  void aMonthsFeePostedByItsCloseAfterTheMonthEndedBelongsToThatMonth() {
    // billing closes October just after midnight on 1 November
    clock.set(Instant.parse("2026-11-01T00:05:00Z"));
    Ledger.Entry fee = charge(tenant, "Acme quotes (2026-10)", 1, 999, YearMonth.of(2026, 10));

    assertEquals("2026-10", fee.period());
    assertEquals(List.of(asCharge(fee)), charges.charges(tenant, YearMonth.of(2026, 10)));
  }

  @Test
  void linesOfTheLast24MonthsAreOffered() {
    clock.set(Instant.parse("2024-09-30T23:00:00Z"));
    charge(tenant, "too old", 1, 100, null);
    clock.set(Instant.parse("2024-10-01T00:00:00Z"));
    Ledger.Entry oldest = charge(tenant, "24 months back", 1, 100, null);
    clock.set(Instant.parse("2026-09-30T23:00:00Z"));
    Ledger.Entry newest = charge(tenant, "this month", 1, 100, null);

    assertEquals(List.of(asCharge(oldest), asCharge(newest)), charges.charges(tenant, YearMonth.of(2026, 9)));
  }
}
