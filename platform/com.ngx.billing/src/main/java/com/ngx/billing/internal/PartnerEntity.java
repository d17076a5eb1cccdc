package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_partner}. */
@Entity
@Table(name = "bill_partner")
public class PartnerEntity {
  @Id
  String id;
  String name;
  String email;
  String status;
  @Column(name = "issuer_id") String issuerId;
  @Column(name = "first_year_bp") int firstYearBp;
  @Column(name = "later_bp") int laterBp;
  @Column(name = "created_at") LocalDateTime createdAt;
}
