package com.ngx.tenant.internal;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantStatus;
import java.time.LocalDateTime;
import java.util.UUID;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of the shared {@code tenant} table. Times are UTC. */
@Entity
@Table(name = "tenant")
public class TenantEntity {
  @Id
  @Column(length = 36)
  String id;

  String slug;
  String name;

  @Enumerated(EnumType.STRING)
  TenantStatus status;

  @Column(name = "status_reason")
  String statusReason;

  @Column(name = "schema_name")
  String schemaName;

  @Column(name = "rate_per_second")
  Integer ratePerSecond;

  @Column(name = "rate_burst")
  Integer rateBurst;

  @Column(name = "created_at")
  LocalDateTime createdAt;

  @Column(name = "updated_at")
  LocalDateTime updatedAt;

  @Column(name = "deleted_at")
  LocalDateTime deletedAt;

  @Column(name = "purge_after")
  LocalDateTime purgeAfter;

  @Version long version;

  Tenant toDTO() {
    return new Tenant(
        UUID.fromString(id),
        slug,
        name,
        status,
        statusReason,
        schemaName,
        ratePerSecond,
        rateBurst,
        Times.instant(createdAt),
        Times.instant(updatedAt),
        Times.instant(deletedAt),
        Times.instant(purgeAfter));
  }
}
