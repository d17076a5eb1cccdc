package com.ngx.billing.internal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_tax_rate}. */
@Entity
@Table(name = "bill_tax_rate")
public class TaxRateEntity {
  @Id
  String country;
  String name;
  @Column(name = "rate_percent") BigDecimal ratePercent;
  @Column(name = "updated_at") LocalDateTime updatedAt;
}
