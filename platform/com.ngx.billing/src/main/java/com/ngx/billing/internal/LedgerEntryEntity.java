package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_ledger}. */
@Entity
@Table(name = "bill_ledger")
public class LedgerEntryEntity {
  @Id
  String id;
  @Column(name = "tenant_id") String tenantId;
  String kind;
  @Column(name = "invoice_id") String invoiceId;
  @Column(name = "payment_id") String paymentId;
  @Column(name = "amount_minor") long amountMinor;
  String currency;
  String description;
  LocalDateTime at;
  String period;
  @Column(name = "idempotency_key") String idempotencyKey;
}
