package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_certificate}: a signing certificate a publisher registered. */
@Entity
@Table(name = "mkt_certificate")
@NamedQuery(
    name = "Certificate.byPublisher",
    query = "select c from CertificateEntity c where c.publisherId = :publisher and c.revokedAt is null"
        + " order by c.createdAt")
public class CertificateEntity {

  @Id String id;
  @Column(name = "publisher_id") String publisherId;
  String fingerprint;
  String subject;
  @Column(name = "not_after") LocalDateTime notAfter;
  String pem;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "revoked_at") LocalDateTime revokedAt;
}
