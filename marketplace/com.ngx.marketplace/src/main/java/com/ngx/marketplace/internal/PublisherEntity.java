package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_publisher}: a publisher account. */
@Entity
@Table(name = "mkt_publisher")
@NamedQuery(name = "Publisher.all", query = "select p from PublisherEntity p order by p.createdAt, p.id")
@NamedQuery(name = "Publisher.count", query = "select count(p) from PublisherEntity p")
public class PublisherEntity {

  @Id String id;
  String name;
  String email;
  String status;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
