package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A row of {@code mkt_version}: one uploaded version of a listing and its certification. */
@Entity
@Table(name = "mkt_version")
@NamedQuery(
    name = "Version.byListing",
    query = "select v from VersionEntity v where v.listingId = :listing order by v.sortKey desc")
@NamedQuery(name = "Version.byStatus", query = "select v from VersionEntity v where v.status in :statuses")
public class VersionEntity {

  @Id String id;
  @Column(name = "listing_id") String listingId;
  String version;
  /** The version with zero-padded numbers, so that text order is version order. */
  @Column(name = "sort_key") String sortKey;
  String status;
  @Column(name = "symbolic_name") String symbolicName;
  @Column(name = "api_range") String apiRange;
  @Column(name = "artifact_sha256") String artifactSha256;
  String changelog;
  /** The certification report as JSON. */
  String report;
  @Column(name = "submitted_at") LocalDateTime submittedAt;
  @Column(name = "certified_at") LocalDateTime certifiedAt;
  @Column(name = "published_at") LocalDateTime publishedAt;
}
