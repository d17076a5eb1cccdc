package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_commission}. */
@Entity
@Table(name = "bill_commission")
public class CommissionEntity {
  @Id
  String id;
  @Column(name = "partner_id") String partnerId;
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "payment_id") String paymentId;
  String kind;
  @Column(name = "base_minor") long baseMinor;
  @Column(name = "rate_bp") int rateBp;
  @Column(name = "amount_minor") long amountMinor;
  String currency;
  LocalDateTime at;
  String period;
}
