package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code mkt_artifact}: uploaded bytes by their SHA-256. */
@Entity
@Table(name = "mkt_artifact")

public class ArtifactEntity {

  @Id String sha256;
  @Column(name = "size_bytes") long size;
  byte[] content;
  @Column(name = "created_at") LocalDateTime createdAt;
}
