package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_publisher_key}: a publisher API key, stored as the SHA-256 of its secret. */
@Entity
@Table(name = "mkt_publisher_key")
@NamedQuery(
    name = "PublisherKey.byHash",
    query = "select k, p from PublisherKeyEntity k join PublisherEntity p on p.id = k.publisherId"
        + " where k.secretHash = :hash and k.revokedAt is null")
public class PublisherKeyEntity {

  @Id String id;
  @Column(name = "publisher_id") String publisherId;
  String name;
  String prefix;
  @Column(name = "secret_hash") String secretHash;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "revoked_at") LocalDateTime revokedAt;
}
