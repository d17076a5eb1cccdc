package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_issuer}. */
@Entity
@Table(name = "bill_issuer")
public class IssuerEntity {
  @Id
  String id;
  String name;
  String address;
  @Column(name = "tax_id") String taxId;
  String email;
  String colour;
  @Column(name = "number_prefix") String numberPrefix;
  @Column(name = "created_at") LocalDateTime createdAt;
}
