package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_settlement}. */
@Entity
@Table(name = "bill_settlement")
public class SettlementEntity {
  @Id
  String id;
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "invoice_id") String invoiceId;
  @Column(name = "line_id") String lineId;
  String source;
  @Column(name = "source_ref") String sourceRef;
  String kind;
  @Column(name = "amount_minor") long amountMinor;
  String currency;
  @Column(name = "invoice_number") String invoiceNumber;
  LocalDateTime at;
  String period;
}
