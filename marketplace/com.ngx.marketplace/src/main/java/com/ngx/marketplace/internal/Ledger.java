package com.ngx.marketplace.internal;

import com.ngx.rest.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The append-only revenue-share ledger: every charge for a paid add-on, split exactly between
 * publisher and platform, recorded once per idempotency key; and publishers' monthly statements.
 */
@Component(service = Ledger.class, configurationPid = "com.ngx.marketplace")
public final class Ledger {
  static final String CHARGE = "charge";
  static final String REFUND = "refund";

  /** One ledger line. */
  public record Entry(
      UUID id,
      java.time.Instant createdAt,
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

  /** A publisher's statement for one month. */
  public record Statement(UUID publisherId, String period, List<Entry> entries, List<Total> totals) {}

  /** What to charge. */
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
      String idempotencyKey) {}

  private final Store store;
  private final int defaultShareBp;

  @Activate
  public Ledger(@Reference Store store, MarketplaceConfiguration config) {
    this.store = store;
    this.defaultShareBp = config.publisherShareBasisPoints();
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
    l.period = YearMonth.from(l.createdAt).toString();
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
                  "refund:" + original.id);
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

  public Statement statement(UUID publisherId, String period) {
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
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (Entry e : entries) {
      long[] s = sums.computeIfAbsent(e.currency(), k -> new long[4]);
      s[0] += e.amountMinor();
      s[1] += e.publisherAmountMinor();
      s[2] += e.platformAmountMinor();
      s[3]++;
    }
    List<Total> totals = new ArrayList<>();
    sums.forEach((currency, s) -> totals.add(new Total(currency, s[0], s[1], s[2], (int) s[3])));
    return new Statement(publisherId, month.toString(), entries, totals);
  }

  /** The statement as CSV (RFC 4180), amounts as decimals in their currency. */
  public static String csv(Statement s) {
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

  static LocalDateTime utc(java.time.Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
