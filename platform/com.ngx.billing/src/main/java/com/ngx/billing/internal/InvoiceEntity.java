package com.ngx.billing.internal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_invoice}. */
@Entity
@Table(name = "bill_invoice")
public class InvoiceEntity {
  @Id
  String id;
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "issuer_id") String issuerId;
  String kind;
  String number;
  String status;
  String reason;
  String currency;
  String period;
  @Column(name = "subtotal_minor") long subtotalMinor;
  @Column(name = "tax_minor") long taxMinor;
  @Column(name = "total_minor") long totalMinor;
  @Column(name = "credit_applied_minor") long creditAppliedMinor;
  @Column(name = "amount_paid_minor") long amountPaidMinor;
  @Column(name = "amount_due_minor") long amountDueMinor;
  @Column(name = "tax_name") String taxName;
  @Column(name = "tax_rate_percent") BigDecimal taxRatePercent;
  @Column(name = "original_invoice_id") String originalInvoiceId;
  String snapshot;
  String memo;
  @Column(name = "issued_at") LocalDateTime issuedAt;
  @Column(name = "due_at") LocalDateTime dueAt;
  @Column(name = "paid_at") LocalDateTime paidAt;
  @Column(name = "closed_at") LocalDateTime closedAt;
  int attempts;
  @Column(name = "first_failed_at") LocalDateTime firstFailedAt;
  @Column(name = "next_attempt_at") LocalDateTime nextAttemptAt;
  @Column(name = "idempotency_key") String idempotencyKey;
  @Column(name = "created_at") LocalDateTime createdAt;
}
