package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_plan}. */
@Entity
@Table(name = "bill_plan")
public class PlanEntity {
  @Id
  String id;
  @Column(name = "current_version") Integer currentVersion;
  int position;
  @Column(name = "public_plan") int publicPlan;
  int archived;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
