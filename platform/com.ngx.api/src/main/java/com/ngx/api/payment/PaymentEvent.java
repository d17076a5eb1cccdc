package com.ngx.api.payment;

import java.time.Instant;

/**
 * Something a provider tells the platform about a charge, after the fact (by webhook).
 *
 * @param eventId the provider's event id; the platform applies each id once
 * @param type what happened
 * @param invoiceId the platform's invoice id the charge was for ({@link PaymentRequest#invoiceId()})
 * @param reference the provider's charge reference, e.g. {@code pi_…}
 * @param amountMinor the amount concerned, in minor units
 * @param currency ISO 4217 code, upper case
 * @param failureCode the provider's decline or failure code, or null
 * @param occurredAt when the provider says it happened
 */
public record PaymentEvent(
    String eventId,
    Type type,
    String invoiceId,
    String reference,
    long amountMinor,
    String currency,
    String failureCode,
    Instant occurredAt) {
  /** What happened. */
  public enum Type {
    /** The charge succeeded. */
    SUCCEEDED,
    /** It failed for a reason that may pass: retry on the dunning schedule. */
    FAILED,
    /** It failed for good: no more retries. */
    HARD_DECLINED,
    /** Money was returned to the payer. */
    REFUNDED,
    /** The payer disputed the charge (chargeback). */
    DISPUTED
  }
}
