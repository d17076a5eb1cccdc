package com.ngx.tenant.internal;

import com.ngx.tenant.ApiKey;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.UUID;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of the shared {@code api_key} table: the secret is kept as its SHA-256 only. */
@Entity
@Table(name = "api_key")
@NamedQuery(
    name = ApiKeyEntity.BY_HASH_WITH_TENANT,
    query =
        "select k, t from ApiKeyEntity k left join TenantEntity t on t.id = k.tenantId"
            + " where k.secretHash = :hash and k.revokedAt is null")
public class ApiKeyEntity {
  /** A live key and its tenant (null for operator keys), by the SHA-256 of the secret. */
  static final String BY_HASH_WITH_TENANT = "ApiKey.byHashWithTenant";

  static final String TENANT = "tenant";
  static final String OPERATOR = "operator";

  @Id
  @Column(length = 36)
  String id;

  @Column(name = "tenant_id")
  String tenantId;

  String kind;
  String name;
  String prefix;

  @Column(name = "secret_hash")
  String secretHash;

  /** Space-separated. */
  String scopes;

  @Column(name = "created_at")
  LocalDateTime createdAt;

  @Column(name = "revoked_at")
  LocalDateTime revokedAt;

  ApiKey toDTO() {
    return new ApiKey(
        UUID.fromString(id),
        tenantId == null ? null : UUID.fromString(tenantId),
        name,
        prefix,
        new LinkedHashSet<>(Arrays.asList(scopes.split(" "))),
        Times.instant(createdAt),
        Times.instant(revokedAt));
  }
}
