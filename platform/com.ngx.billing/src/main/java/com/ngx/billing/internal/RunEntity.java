package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_run}. */
@Entity
@Table(name = "bill_run")
public class RunEntity {
  @Id
  String id;
  @Column(name = "started_at") LocalDateTime startedAt;
  @Column(name = "clock_at") LocalDateTime clockAt;
  @Column(name = "finished_at") LocalDateTime finishedAt;
  String status;
  int tenants;
  int invoices;
  int payments;
  int failures;
  String message;
}
