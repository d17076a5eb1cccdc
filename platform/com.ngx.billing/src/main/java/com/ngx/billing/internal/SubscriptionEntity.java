package com.ngx.billing.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_subscription}. */
@Entity
@Table(name = "bill_subscription")
public class SubscriptionEntity {
  @Id
  @Column(name = "tenant_id") String tenantId;
  @Column(name = "plan_id") String planId;
  @Column(name = "plan_version") int planVersion;
  String status;
  @Column(name = "trial_end") LocalDateTime trialEnd;
  @Column(name = "period_start") LocalDate periodStart;
  @Column(name = "period_end") LocalDate periodEnd;
  @Column(name = "next_plan_id") String nextPlanId;
  @Column(name = "next_plan_version") Integer nextPlanVersion;
  @Column(name = "cancel_at_period_end") int cancelAtPeriodEnd;
  @Column(name = "price_override_minor") Long priceOverrideMinor;
  @Column(name = "limits_override") String limitsOverride;
  @Column(name = "started_at") LocalDateTime startedAt;
  @Column(name = "suspended_at") LocalDateTime suspendedAt;
  @Column(name = "cancelled_at") LocalDateTime cancelledAt;
  @Column(name = "updated_at") LocalDateTime updatedAt;
  @Column(name = "row_version") long rowVersion;
}
