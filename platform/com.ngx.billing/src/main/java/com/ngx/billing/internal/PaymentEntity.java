package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_payment}. */
@Entity
@Table(name = "bill_payment")
public class PaymentEntity {
  @Id
  String id;
  @Column(name = "invoice_id") String invoiceId;
  @Column(name = "tenant_id") String tenantId;
  String provider;
  int attempt;
  String status;
  @Column(name = "amount_minor") long amountMinor;
  String currency;
  String reference;
  @Column(name = "failure_code") String failureCode;
  String message;
  @Column(name = "idempotency_key") String idempotencyKey;
  @Column(name = "created_at") LocalDateTime createdAt;
}
