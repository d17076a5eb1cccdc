package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_review}: a tenant's rating and review of a listing it installed. */
@Entity
@Table(name = "mkt_review")
@NamedQuery(
    name = "Review.byListing",
    query = "select r from ReviewEntity r where r.listingId = :listing order by r.updatedAt desc, r.id")
@NamedQuery(
    name = "Review.byListingAndTenant",
    query = "select r from ReviewEntity r where r.listingId = :listing and r.tenantId = :tenant")
public class ReviewEntity {
  @Id String id;
  @Column(name = "listing_id") String listingId;
  @Column(name = "tenant_id") String tenantId;
  int rating;
  String title;
  String body;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
