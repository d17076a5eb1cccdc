package com.ngx.billing.internal;

import java.time.LocalDate;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_invoice_line}. */
@Entity
@Table(name = "bill_invoice_line")
public class InvoiceLineEntity {
  @Id
  String id;
  @Column(name = "invoice_id") String invoiceId;
  int position;
  String kind;
  String description;
  long quantity;
  @Column(name = "unit_amount_minor") long unitAmountMinor;
  @Column(name = "amount_minor") long amountMinor;
  @Column(name = "period_start") LocalDate periodStart;
  @Column(name = "period_end") LocalDate periodEnd;
  String source;
  @Column(name = "source_ref") String sourceRef;
  @Column(name = "original_line_id") String originalLineId;
}
