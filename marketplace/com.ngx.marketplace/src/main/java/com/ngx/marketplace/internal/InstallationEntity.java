package com.ngx.marketplace.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code mkt_installation}: a listing installed for a tenant, and at which version. */
@Entity
@Table(name = "mkt_installation")
@NamedQuery(
    name = "Installation.byTenant",
    query = "select i from InstallationEntity i where i.tenantId = :tenant and i.status <> 'uninstalled'"
        + " order by i.installedAt, i.id")
@NamedQuery(
    name = "Installation.live",
    query = "select i from InstallationEntity i where i.status <> 'uninstalled'")
@NamedQuery(
    name = "Installation.byTenantAndListing",
    query = "select i from InstallationEntity i where i.tenantId = :tenant and i.listingId = :listing")
public class InstallationEntity {

  @Id String id;
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "listing_id") String listingId;
  @Column(name = "version_id") String versionId;
  String status;
  @Column(name = "status_reason") String statusReason;
  /** JSON object. */
  String settings;
  String entitlement;
  /** The listing's pricing when the tenant installed, as JSON (null for rows from before V2). */
  @Column(name = "accepted_pricing") String acceptedPricing;
  @Column(name = "trial_ends_at") LocalDateTime trialEndsAt;
  int failures;
  @Column(name = "last_failure") String lastFailure;
  @Column(name = "last_failure_at") LocalDateTime lastFailureAt;
  @Column(name = "installed_at") LocalDateTime installedAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
  @Version long version;
}
