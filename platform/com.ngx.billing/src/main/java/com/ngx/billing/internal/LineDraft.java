package com.ngx.billing.internal;

import java.time.LocalDate;

/**
 * An invoice line before it is written.
 *
 * @param kind {@code plan}, {@code proration_credit}, {@code proration_charge}, {@code overage},
 *     {@code revenue_share}, {@code addon}, {@code adjustment}, {@code refund}
 * @param source with {@code sourceRef}: the charge source that asked for the line, or null
 */
public record LineDraft(
    String kind,
    String description,
    long quantity,
    long unitAmountMinor,
    long amountMinor,
    LocalDate periodStart,
    LocalDate periodEnd,
    String source,
    String sourceRef) {

  /** A line of one unit. */
  static LineDraft of(String kind, String description, long amountMinor, LocalDate from, LocalDate to) {
    return new LineDraft(kind, description, 1, amountMinor, amountMinor, from, to, null, null);
  }
}
