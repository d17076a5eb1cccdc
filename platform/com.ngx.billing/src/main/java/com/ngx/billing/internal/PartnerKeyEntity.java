package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_partner_key}. */
@Entity
@Table(name = "bill_partner_key")
public class PartnerKeyEntity {
  @Id
  String id;
  @Column(name = "partner_id") String partnerId;
  String name;
  String prefix;
  @Column(name = "secret_hash") String secretHash;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "revoked_at") LocalDateTime revokedAt;
}
