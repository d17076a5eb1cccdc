package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_listing}: an add-on as its publisher describes and prices it. */
@Entity
@Table(name = "mkt_listing")
@NamedQuery(name = "Listing.byPlugin", query = "select l from ListingEntity l where l.pluginId = :plugin")
@NamedQuery(
    name = "Listing.byPublisher",
    query = "select l from ListingEntity l where l.publisherId = :publisher order by l.createdAt, l.id")
public class ListingEntity {

  @Id String id;
  @Column(name = "publisher_id") String publisherId;
  @Column(name = "plugin_id") String pluginId;
  String name;
  String summary;
  String description;
  String category;
  @Column(name = "icon_url") String iconUrl;
  /** JSON array of URLs. */
  String screenshots;
  @Column(name = "pricing_model") String pricingModel;
  @Column(name = "price_minor") long priceMinor;
  String currency;
  @Column(name = "usage_unit") String usageUnit;
  @Column(name = "trial_days") int trialDays;
  /** Null: the platform default. */
  @Column(name = "publisher_share_bp") Integer publisherShareBp;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
