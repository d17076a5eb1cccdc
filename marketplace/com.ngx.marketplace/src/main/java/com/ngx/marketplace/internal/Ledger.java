package com.ngx.marketplace.internal;

import com.ngx.billing.Settlement;
import com.ngx.billing.Settlements;
import com.ngx.rest.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The append-only revenue-share ledger: every charge for a paid add-on, split exactly between
 * publisher and platform, recorded once per idempotency key; and publishers' monthly payout
 * statements, made of the money billing actually collected (or gave back) for those charges.
 */
@Component(service = Ledger.class, configurationPid = "com.ngx.marketplace")
public final class Ledger {
  static final String CHARGE = "charge";
  static final String REFUND = "refund";

  /** One ledger line. */
  public record Entry(
      UUID id,
      Instant createdAt,
      String period,
      String kind,
      UUID listingId,
      UUID tenantId,
      UUID installationId,
      String description,
      long quantity,
      long unitPriceMinor,
      long amountMinor,
      String currency,
      int publisherShareBasisPoints,
      long publisherAmountMinor,
      long platformAmountMinor) {}

  /** Sums of one currency in a statement, in minor units. */
  public record Total(String currency, long grossMinor, long publisherMinor, long platformMinor, int lines) {}

  /**
   * One line of a payout statement: money that moved in the month for one ledger entry (a charge
   * paid, or refunded or charged back), and the publisher's and platform's parts of exactly that
   * amount, at the entry's share.
   *
   * @param entryId the ledger entry (the charge billing invoiced)
   * @param kind {@code paid}, {@code refunded} or {@code chargeback}
   * @param settledAt when the money moved
   * @param invoiceNumber the invoice (or credit note) it moved on
   * @param chargedPeriod the month the entry was charged in ({@code YYYY-MM})
   * @param amountMinor what moved: positive when paid, negative when reversed
   */
  public record Line(
      UUID entryId,
      String kind,
      Instant settledAt,
      String invoiceNumber,
      String chargedPeriod,
      UUID listingId,
      UUID tenantId,
      String description,
      long amountMinor,
      String currency,
      int publisherShareBasisPoints,
      long publisherAmountMinor,
      long platformAmountMinor) {}

  /** A publisher's payout statement for one month: what was settled in it (cash basis). */
  public record Statement(UUID publisherId, String period, List<Line> lines, List<Total> totals) {}

  /** A publisher's ledger entries charged in one month, whether paid or not (accrual basis). */
  public record AccruedStatement(UUID publisherId, String period, List<Entry> entries, List<Total> totals) {}

  /**
   * What to charge.
   *
   * @param period the month the charge belongs to (a month's fee: that month, even when the
   *     month's close posts it later); null for the month of now, by the billing clock
   */
  record Charge(
      String kind,
      String listingId,
      String publisherId,
      String tenantId,
      String installationId,
      String description,
      long quantity,
      long unitPriceMinor,
      String currency,
      Integer listingShareBp,
      String idempotencyKey,
      YearMonth period) {}

  /** Ledger ids per query when joining settlements to entries: well below any database's limit. */
  private static final int IDS_PER_QUERY = 500;

  private final Store store;
  private final Settlements settlements;
  private final int defaultShareBp;

  @Activate
  public Ledger(@Reference Store store, @Reference Settlements settlements, MarketplaceConfiguration config) {
    this(store, settlements, config.publisherShareBasisPoints());
  }

  Ledger(Store store, Settlements settlements, int defaultShareBasisPoints) {
    this.store = store;
    this.settlements = settlements;
    this.defaultShareBp = defaultShareBasisPoints;
  }

  /**
   * The publisher's part of an amount: {@code amount × bp / 10000}, rounded half-even to the minor
   * unit; the platform gets the rest, so the two always add up to the amount.
   */
  static long publisherPart(long amountMinor, int basisPoints) {
    return BigDecimal.valueOf(amountMinor)
        .multiply(BigDecimal.valueOf(basisPoints))
        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN)
        .longValueExact();
  }

  /** Records a charge unless one with the same idempotency key exists; whether it was new. */
  boolean record(EntityManager em, Charge c) {
    if (!em.createNamedQuery("Ledger.byKey", LedgerEntity.class)
        .setParameter("key", c.idempotencyKey())
        .getResultList()
        .isEmpty()) {
      return false;
    }
    LedgerEntity l = new LedgerEntity();
    l.id = UUID.randomUUID().toString();
    l.createdAt = store.utcNow();
    l.period = (c.period() == null ? YearMonth.from(l.createdAt) : c.period()).toString();
    l.kind = c.kind();
    l.listingId = c.listingId();
    l.publisherId = c.publisherId();
    l.tenantId = c.tenantId();
    l.installationId = c.installationId();
    l.description = c.description().length() > 500 ? c.description().substring(0, 500) : c.description();
    l.quantity = c.quantity();
    l.unitPriceMinor = c.unitPriceMinor();
    l.amountMinor = Math.multiplyExact(c.quantity(), c.unitPriceMinor()) * (REFUND.equals(c.kind()) ? -1 : 1);
    l.currency = c.currency();
    l.publisherShareBp = c.listingShareBp() == null ? defaultShareBp : c.listingShareBp();
    l.publisherAmountMinor = publisherPart(l.amountMinor, l.publisherShareBp);
    l.platformAmountMinor = l.amountMinor - l.publisherAmountMinor;
    l.idempotencyKey = c.idempotencyKey();
    em.persist(l);
    em.flush();
    return true;
  }

  /** Records a charge in its own transaction; a duplicate key is ignored. */
  public boolean record(Charge c) {
    try {
      return store.shared(em -> record(em, c));
    } catch (javax.persistence.PersistenceException e) {
      // a concurrent insert of the same key lost the race on the unique index: then it is recorded;
      // anything else is a real failure the caller must see
      boolean recorded =
          store.shared(
              em -> !em.createNamedQuery("Ledger.byKey", LedgerEntity.class)
                  .setParameter("key", c.idempotencyKey())
                  .getResultList()
                  .isEmpty());
      if (recorded) {
        return false;
      }
      throw e;
    }
  }

  /** Reverses a charge in full (refund or chargeback): a new, negative line. */
  public Entry refund(UUID entryId, String reason) {
    return store.shared(
        em -> {
          LedgerEntity original = em.find(LedgerEntity.class, entryId.toString());
          if (original == null || !CHARGE.equals(original.kind)) {
            throw ApiException.notFound("No charge " + entryId);
          }
          Charge c =
              new Charge(
                  REFUND,
                  original.listingId,
                  original.publisherId,
                  original.tenantId,
                  original.installationId,
                  "Refund: " + (reason == null || reason.isBlank() ? original.description : reason.strip()),
                  original.quantity,
                  original.unitPriceMinor,
                  original.currency,
                  original.publisherShareBp,
                  "refund:" + original.id,
                  null);
          if (!record(em, c)) {
            throw ApiException.conflict("The charge was refunded already");
          }
          return em.createNamedQuery("Ledger.byKey", LedgerEntity.class)
              .setParameter("key", c.idempotencyKey())
              .getResultList()
              .stream()
              .findFirst()
              .map(Ledger::dto)
              .orElseThrow();
        });
  }

  /**
   * The tenant's ledger lines (charges and refunds) of the months {@code from} to {@code to}, both
   * included, in the order they were recorded.
   */
  public List<Entry> forTenant(UUID tenantId, YearMonth from, YearMonth to) {
    return store.shared(
        em -> em.createNamedQuery("Ledger.byTenantAndPeriods", LedgerEntity.class)
            .setParameter("tenant", tenantId.toString())
            .setParameter("from", from.toString())
            .setParameter("to", to.toString())
            .getResultList()
            .stream()
            .map(Ledger::dto)
            .toList());
  }

  /**
   * The publisher's payout statement for a month, on a cash basis: the settlements billing
   * reports for the marketplace's charges in that month (payments positive, refunds and
   * chargebacks negative), each joined to its ledger entry, split at that entry's share. A
   * reversal therefore takes back exactly the publisher part its payment gave, in the month it
   * happens. Settlements of other publishers' entries (or of unknown refs) are left out.
   */
  public Statement statement(UUID publisherId, String period) {
    YearMonth month = parsePeriod(period);
    List<Settlement> settled = new ArrayList<>(settlements.settled(MarketplaceCharges.SOURCE, month));
    settled.sort(Comparator.comparing(Settlement::at));
    Map<String, LedgerEntity> entries = entriesOf(publisherId, settled);
    List<Line> lines = new ArrayList<>();
    for (Settlement s : settled) {
      LedgerEntity e = entries.get(s.ref());
      if (e == null) {
        continue;
      }
      long publisher = publisherPart(s.amountMinor(), e.publisherShareBp);
      lines.add(
          new Line(
              UUID.fromString(e.id),
              s.kind(),
              s.at(),
              s.invoiceNumber(),
              e.period,
              UUID.fromString(e.listingId),
              UUID.fromString(e.tenantId),
              e.description,
              s.amountMinor(),
              s.currency(),
              e.publisherShareBp,
              publisher,
              s.amountMinor() - publisher));
    }
    List<Total> totals =
        totals(lines.stream()
            .map(l -> new Split(l.currency(), l.amountMinor(), l.publisherAmountMinor(), l.platformAmountMinor()))
            .toList());
    return new Statement(publisherId, month.toString(), lines, totals);
  }

  /** The publisher's ledger entries among the settlements' refs, by id. */
  private Map<String, LedgerEntity> entriesOf(UUID publisherId, List<Settlement> settled) {
    List<String> refs = new ArrayList<>(new LinkedHashSet<>(settled.stream().map(Settlement::ref).toList()));
    if (refs.isEmpty()) {
      return Map.of();
    }
    return store.shared(
        em -> {
          Map<String, LedgerEntity> out = new HashMap<>();
          for (int i = 0; i < refs.size(); i += IDS_PER_QUERY) {
            em.createNamedQuery("Ledger.byPublisherAndIds", LedgerEntity.class)
                .setParameter("publisher", publisherId.toString())
                .setParameter("ids", refs.subList(i, Math.min(refs.size(), i + IDS_PER_QUERY)))
                .getResultList()
                .forEach(l -> out.put(l.id, l));
          }
          return out;
        });
  }

  /**
   * The publisher's ledger entries charged in a month, paid or not (accrual basis): what the
   * statement was before payouts followed settlements; kept for reconciliation.
   */
  public AccruedStatement accruedStatement(UUID publisherId, String period) {
    YearMonth month = parsePeriod(period);
    List<Entry> entries =
        store.shared(
            em -> em.createNamedQuery("Ledger.byPublisherAndPeriod", LedgerEntity.class)
                .setParameter("publisher", publisherId.toString())
                .setParameter("period", month.toString())
                .getResultList()
                .stream()
                .map(Ledger::dto)
                .toList());
    List<Total> totals =
        totals(entries.stream()
            .map(e -> new Split(e.currency(), e.amountMinor(), e.publisherAmountMinor(), e.platformAmountMinor()))
            .toList());
    return new AccruedStatement(publisherId, month.toString(), entries, totals);
  }

  /** One line's amount and its parts, for the totals. */
  private record Split(String currency, long gross, long publisher, long platform) {}

  /** Sums per currency, in the order currencies first appear. */
  private static List<Total> totals(List<Split> splits) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (Split a : splits) {
      long[] s = sums.computeIfAbsent(a.currency(), k -> new long[4]);
      s[0] += a.gross();
      s[1] += a.publisher();
      s[2] += a.platform();
      s[3]++;
    }
    List<Total> totals = new ArrayList<>();
    sums.forEach((currency, s) -> totals.add(new Total(currency, s[0], s[1], s[2], (int) s[3])));
    return totals;
  }

  /** The payout statement as CSV (RFC 4180), amounts as decimals in their currency. */
  public static String csv(Statement s) {
    StringBuilder out =
        new StringBuilder(
            "entry_id,settled_at,kind,invoice_number,charged_period,listing_id,tenant_id,description,amount,"
                + "currency,publisher_share_bp,publisher_amount,platform_amount\r\n");
    for (Line l : s.lines()) {
      out.append(l.entryId()).append(',')
          .append(l.settledAt()).append(',')
          .append(l.kind()).append(',')
          .append(quote(l.invoiceNumber() == null ? "" : l.invoiceNumber())).append(',')
          .append(l.chargedPeriod()).append(',')
          .append(l.listingId()).append(',')
          .append(l.tenantId()).append(',')
          .append(quote(l.description())).append(',')
          .append(decimal(l.amountMinor(), l.currency())).append(',')
          .append(l.currency()).append(',')
          .append(l.publisherShareBasisPoints()).append(',')
          .append(decimal(l.publisherAmountMinor(), l.currency())).append(',')
          .append(decimal(l.platformAmountMinor(), l.currency())).append("\r\n");
    }
    return out.toString();
  }

  /** The accrual view as CSV (RFC 4180), amounts as decimals in their currency. */
  public static String csv(AccruedStatement s) {
    StringBuilder out =
        new StringBuilder(
            "id,created_at,kind,listing_id,tenant_id,description,quantity,unit_price,amount,currency,"
                + "publisher_share_bp,publisher_amount,platform_amount\r\n");
    for (Entry e : s.entries()) {
      out.append(e.id()).append(',')
          .append(e.createdAt()).append(',')
          .append(e.kind()).append(',')
          .append(e.listingId()).append(',')
          .append(e.tenantId()).append(',')
          .append(quote(e.description())).append(',')
          .append(e.quantity()).append(',')
          .append(decimal(e.unitPriceMinor(), e.currency())).append(',')
          .append(decimal(e.amountMinor(), e.currency())).append(',')
          .append(e.currency()).append(',')
          .append(e.publisherShareBasisPoints()).append(',')
          .append(decimal(e.publisherAmountMinor(), e.currency())).append(',')
          .append(decimal(e.platformAmountMinor(), e.currency())).append("\r\n");
    }
    return out.toString();
  }

  static String decimal(long minor, String currency) {
    return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
  }

  public static YearMonth parsePeriod(String period) {
    try {
      return YearMonth.parse(period);
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApiException.invalid("period", "must be a month as YYYY-MM");
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static Entry dto(LedgerEntity l) {
    return new Entry(
        UUID.fromString(l.id),
        l.createdAt.toInstant(ZoneOffset.UTC),
        l.period,
        l.kind,
        UUID.fromString(l.listingId),
        UUID.fromString(l.tenantId),
        l.installationId == null ? null : UUID.fromString(l.installationId),
        l.description,
        l.quantity,
        l.unitPriceMinor,
        l.amountMinor,
        l.currency,
        l.publisherShareBp,
        l.publisherAmountMinor,
        l.platformAmountMinor);
  }

  static LocalDateTime utc(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
