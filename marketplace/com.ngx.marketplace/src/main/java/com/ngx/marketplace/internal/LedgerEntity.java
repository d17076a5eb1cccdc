package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of the append-only {@code mkt_ledger}: one charge (or reversal) and its publisher/platform split. */
@Entity
@Table(name = "mkt_ledger")
@NamedQuery(
    name = "Ledger.byPublisherAndPeriod",
    query = "select l from LedgerEntity l where l.publisherId = :publisher and l.period = :period"
        + " order by l.createdAt, l.id")
@NamedQuery(name = "Ledger.byKey", query = "select l from LedgerEntity l where l.idempotencyKey = :key")
@NamedQuery(
    name = "Ledger.byTenantAndPeriods",
    query = "select l from LedgerEntity l where l.tenantId = :tenant and l.period >= :from and l.period <= :to"
        + " order by l.createdAt, l.id")
@NamedQuery(
    name = "Ledger.byPublisherAndIds",
    query = "select l from LedgerEntity l where l.publisherId = :publisher and l.id in :ids")
public class LedgerEntity {
  @Id String id;
  @Column(name = "created_at") LocalDateTime createdAt;
  /**
   * {@code YYYY-MM}: the month the line belongs to. The month of createdAt (UTC, billing clock),
   * except for a month's fee posted by that month's close after it ended.
   */
  String period;
  String kind;
  @Column(name = "listing_id") String listingId;
  @Column(name = "publisher_id") String publisherId;
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "installation_id") String installationId;
  String description;
  long quantity;
  @Column(name = "unit_price_minor") long unitPriceMinor;
  @Column(name = "amount_minor") long amountMinor;
  String currency;
  @Column(name = "publisher_share_bp") int publisherShareBp;
  @Column(name = "publisher_amount_minor") long publisherAmountMinor;
  @Column(name = "platform_amount_minor") long platformAmountMinor;
  @Column(name = "idempotency_key") String idempotencyKey;
}
