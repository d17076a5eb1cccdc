package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.billing.Settlement;
import com.ngx.billing.Settlements;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Publishers' payout statements from billing's settlements (cash basis), on the real ledger over
 * H2 with a fake Settlements service.
 */
class StatementTest {

  /** Settlements billing would report, by month. */
  private static final class FakeSettlements implements Settlements {
    final Map<YearMonth, List<Settlement>> byMonth = new HashMap<>();

    void add(Settlement s) {
      byMonth.computeIfAbsent(YearMonth.from(s.at().atZone(java.time.ZoneOffset.UTC)), k -> new ArrayList<>()).add(s);
    }

    @Override
    public List<Settlement> settled(String source, YearMonth period) {
      assertEquals("marketplace", source);
      return byMonth.getOrDefault(period, List.of());
    }
  }

  private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  private final MarketplaceDatabase db = MarketplaceDatabase.get();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-10-05T09:00:00Z"));
  private final Store store = db.store(clock);
  private final FakeSettlements settlements = new FakeSettlements();
  private final Ledger ledger = new Ledger(store, settlements, 8000);

  private final UUID publisher = UUID.randomUUID();
  private final UUID otherPublisher = UUID.randomUUID();
  private final UUID tenant = UUID.randomUUID();
  private final UUID listing = UUID.randomUUID();

  private Ledger.Entry charge(UUID publisherId, String description, long amountMinor, Integer shareBp) {
    clock.advance(Duration.ofMinutes(1));
    String key = "test:" + UUID.randomUUID();
    ledger.record(new Ledger.Charge(Ledger.CHARGE, listing.toString(), publisherId.toString(), tenant.toString(),
        null, description, 1, amountMinor, "USD", shareBp, key, null));
    return store.shared(
        em -> Ledger.dto(em.createNamedQuery("Ledger.byKey", LedgerEntity.class)
            .setParameter("key", key)
            .getSingleResult()));
  }

  private static Settlement settled(Ledger.Entry e, String kind, String at, long amountMinor, String invoice) {
    return new Settlement(e.id().toString(), kind, Instant.parse(at), amountMinor, "USD", e.tenantId(), invoice);
  }

  private static void assertSplitsAddUp(Ledger.Statement s) {
    for (Ledger.Line l : s.lines()) {
      assertEquals(l.amountMinor(), l.publisherAmountMinor() + l.platformAmountMinor(), l.toString());
    }
    for (Ledger.Total t : s.totals()) {
      assertEquals(t.grossMinor(), t.publisherMinor() + t.platformMinor(), t.toString());
    }
  }

  @Test
  void linesAreTheMoneySettledInTheMonthSplitAtTheChargesShareAndReversalsMirrorThePayment() {
    Ledger.Entry fee = charge(publisher, "Acme quotes (2026-10)", 999, null);
    // 70%: 1001 × 0.7 = 700.7 → 701
    Ledger.Entry setup = charge(publisher, "Acme setup (one-off)", 1001, 7000);
    // 70% of 5 = 3.5 → 4 (half-even): the chargeback must take back 4 as well, not 3
    Ledger.Entry usage = charge(publisher, "1 × lead (acme-leads)", 5, 7000);
    Ledger.Entry unpaid = charge(publisher, "Acme extra (2026-10)", 300, null);
    Ledger.Entry others = charge(otherPublisher, "Other add-on (2026-10)", 999, null);
    // billing reports them out of order; the statement is by time
    settlements.add(settled(setup, Settlement.PAID, "2026-10-21T12:00:00Z", 1001, "INV-2026-0002"));
    settlements.add(settled(fee, Settlement.PAID, "2026-10-20T12:00:00Z", 999, "INV-2026-0001"));
    settlements.add(settled(usage, Settlement.PAID, "2026-10-22T12:00:00Z", 5, "INV-2026-0003"));
    settlements.add(settled(others, Settlement.PAID, "2026-10-20T13:00:00Z", 999, "INV-2026-0001"));
    // a ref the marketplace never issued
    settlements.add(new Settlement("not-a-ledger-entry", Settlement.PAID, Instant.parse("2026-10-23T00:00:00Z"), 50,
        "USD", tenant, "INV-2026-0004"));
    // November: the fee refunded in full, the usage charged back, the setup refunded in part
    settlements.add(settled(fee, Settlement.REFUNDED, "2026-11-03T10:00:00Z", -999, "CN-2026-0001"));
    settlements.add(settled(usage, Settlement.CHARGEBACK, "2026-11-10T10:00:00Z", -5, "INV-2026-0003"));
    settlements.add(settled(setup, Settlement.REFUNDED, "2026-11-12T10:00:00Z", -501, "CN-2026-0002"));

    Ledger.Statement october = ledger.statement(publisher, "2026-10");

    assertEquals("2026-10", october.period());
    assertEquals(
        List.of(
            new Ledger.Line(fee.id(), "paid", Instant.parse("2026-10-20T12:00:00Z"), "INV-2026-0001", "2026-10",
                listing, tenant, "Acme quotes (2026-10)", 999, "USD", 8000, 799, 200),
            new Ledger.Line(setup.id(), "paid", Instant.parse("2026-10-21T12:00:00Z"), "INV-2026-0002", "2026-10",
                listing, tenant, "Acme setup (one-off)", 1001, "USD", 7000, 701, 300),
            new Ledger.Line(usage.id(), "paid", Instant.parse("2026-10-22T12:00:00Z"), "INV-2026-0003", "2026-10",
                listing, tenant, "1 × lead (acme-leads)", 5, "USD", 7000, 4, 1)),
        october.lines());
    // the unpaid charge, the other publisher's and the unknown ref are not on it
    assertEquals(List.of(new Ledger.Total("USD", 2005, 1504, 501, 3)), october.totals());
    assertSplitsAddUp(october);

    Ledger.Statement november = ledger.statement(publisher, "2026-11");

    assertEquals(
        List.of(
            new Ledger.Line(fee.id(), "refunded", Instant.parse("2026-11-03T10:00:00Z"), "CN-2026-0001", "2026-10",
                listing, tenant, "Acme quotes (2026-10)", -999, "USD", 8000, -799, -200),
            new Ledger.Line(usage.id(), "chargeback", Instant.parse("2026-11-10T10:00:00Z"), "INV-2026-0003",
                "2026-10", listing, tenant, "1 × lead (acme-leads)", -5, "USD", 7000, -4, -1),
            // a partial refund: 501 × 0.7 = 350.7 → 351
            new Ledger.Line(setup.id(), "refunded", Instant.parse("2026-11-12T10:00:00Z"), "CN-2026-0002",
                "2026-10", listing, tenant, "Acme setup (one-off)", -501, "USD", 7000, -351, -150)),
        november.lines());
    assertEquals(List.of(new Ledger.Total("USD", -1505, -1154, -351, 3)), november.totals());
    assertSplitsAddUp(november);
    // a full reversal takes back exactly what its payment gave
    assertEquals(0, october.lines().get(0).publisherAmountMinor() + november.lines().get(0).publisherAmountMinor());
    assertEquals(0, october.lines().get(2).publisherAmountMinor() + november.lines().get(1).publisherAmountMinor());
    // a month without settlements is empty, whatever was charged in it
    assertEquals(new Ledger.Statement(publisher, "2026-09", List.of(), List.of()), ledger.statement(publisher, "2026-09"));

    // the other publisher's statement has its own line only
    Ledger.Statement theirs = ledger.statement(otherPublisher, "2026-10");
    assertEquals(List.of(others.id()), theirs.lines().stream().map(Ledger.Line::entryId).toList());
    assertEquals(List.of(new Ledger.Total("USD", 999, 799, 200, 1)), theirs.totals());

    // the accrual view still lists what was charged in October, paid or not
    Ledger.AccruedStatement accrued = ledger.accruedStatement(publisher, "2026-10");
    assertEquals(List.of(fee.id(), setup.id(), usage.id(), unpaid.id()),
        accrued.entries().stream().map(Ledger.Entry::id).toList());
    assertEquals(List.of(new Ledger.Total("USD", 2305, 1744, 561, 4)), accrued.totals());
  }

  @Test
  void settlementsOfAMonthAreJoinedWhateverMonthTheyWereChargedIn() {
    clock.set(Instant.parse("2026-08-30T10:00:00Z"));
    Ledger.Entry august = charge(publisher, "Acme quotes (2026-08)", 999, null);
    // paid late, in October
    settlements.add(settled(august, Settlement.PAID, "2026-10-02T10:00:00Z", 999, "INV-2026-0099"));

    Ledger.Statement october = ledger.statement(publisher, OCTOBER.toString());

    assertEquals(1, october.lines().size());
    assertEquals("2026-08", october.lines().get(0).chargedPeriod());
    assertEquals(List.of(), ledger.statement(publisher, "2026-08").lines());
    assertEquals(List.of(), ledger.statement(publisher, NOVEMBER.toString()).lines());
  }

  @Test
  void totalsArePerCurrency() {
    Ledger.Entry usd = charge(publisher, "USD add-on", 999, null);
    clock.advance(Duration.ofMinutes(1));
    String key = "test:" + UUID.randomUUID();
    ledger.record(new Ledger.Charge(Ledger.CHARGE, listing.toString(), publisher.toString(), tenant.toString(), null,
        "EUR add-on", 1, 500, "EUR", null, key, null));
    UUID eurId = ledger.accruedStatement(publisher, "2026-10").entries().stream()
        .filter(e -> e.currency().equals("EUR")).findFirst().orElseThrow().id();
    settlements.add(settled(usd, Settlement.PAID, "2026-10-20T12:00:00Z", 999, "INV-1"));
    settlements.add(new Settlement(eurId.toString(), Settlement.PAID, Instant.parse("2026-10-21T12:00:00Z"), 500,
        "EUR", tenant, "INV-2"));

    assertEquals(
        List.of(new Ledger.Total("USD", 999, 799, 200, 1), new Ledger.Total("EUR", 500, 400, 100, 1)),
        ledger.statement(publisher, "2026-10").totals());
  }

  @Test
  void theCsvHasOneRowPerSettlementWithDecimals() {
    Ledger.Entry fee = charge(publisher, "Acme \"Pro\" (2026-10)", 999, null);
    settlements.add(settled(fee, Settlement.PAID, "2026-10-20T12:00:00Z", 999, "INV-2026-0001"));
    settlements.add(settled(fee, Settlement.REFUNDED, "2026-10-25T12:00:00Z", -999, "CN-2026-0001"));

    String csv = Ledger.csv(ledger.statement(publisher, "2026-10"));

    String[] rows = csv.split("\r\n");
    assertEquals(3, rows.length, csv);
    assertEquals("entry_id,settled_at,kind,invoice_number,charged_period,listing_id,tenant_id,description,amount,"
        + "currency,publisher_share_bp,publisher_amount,platform_amount", rows[0]);
    assertEquals(fee.id() + ",2026-10-20T12:00:00Z,paid,\"INV-2026-0001\",2026-10," + listing + "," + tenant
        + ",\"Acme \"\"Pro\"\" (2026-10)\",9.99,USD,8000,7.99,2.00", rows[1]);
    assertTrue(rows[2].endsWith(",refunded,\"CN-2026-0001\",2026-10," + listing + "," + tenant
        + ",\"Acme \"\"Pro\"\" (2026-10)\",-9.99,USD,8000,-7.99,-2.00"), rows[2]);
  }
}
