package com.ngx.api.payment;

/**
 * The outcome of a charge.
 *
 * @param status what happened
 * @param reference the provider's id of the payment, if any
 * @param failureCode the provider's decline or error code, if it failed
 * @param message a short explanation for the tenant
 */
public record PaymentResult(Status status, String reference, String failureCode, String message) {
  /** What happened to a charge. */
  public enum Status {
    /** Paid. */
    SUCCEEDED,
    /** Accepted, the outcome comes later (e.g. by webhook). */
    PENDING,
    /** Failed for a reason that may pass (insufficient funds): retry on the dunning schedule. */
    FAILED,
    /** Failed for good (stolen card, closed account): do not retry. */
    HARD_DECLINED
  }
}
