package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_notice}. */
@Entity
@Table(name = "bill_notice")
public class NoticeEntity {
  @Id
  String id;
  @Column(name = "tenant_id") String tenantId;
  String kind;
  @Column(name = "dedup_key") String dedupKey;
  String message;
  @Column(name = "created_at") LocalDateTime createdAt;
}
