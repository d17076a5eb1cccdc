package com.ngx.billing.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_account}. */
@Entity
@Table(name = "bill_account")
public class AccountEntity {
  @Id
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "billing_name") String billingName;
  String email;
  String country;
  String address;
  @Column(name = "tax_id") String taxId;
  @Column(name = "tax_exempt") int taxExempt;
  String currency;
  String provider;
  @Column(name = "customer_ref") String customerRef;
  @Column(name = "payment_method") String paymentMethod;
  @Column(name = "credit_balance_minor") long creditBalanceMinor;
  @Column(name = "partner_id") String partnerId;
  @Column(name = "partner_since") LocalDate partnerSince;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
