package com.ngx.payment.stripe.internal;

import java.util.Set;

/**
 * Which of Stripe's decline codes end a charge for good. See
 * https://docs.stripe.com/declines/codes: Stripe's own advice for these is not to try the card
 * again; for every other code (insufficient funds, {@code do_not_honor}, {@code
 * generic_decline}, issuer unavailable …) a later try may succeed.
 */
final class Declines {
  /** The decline codes after which the same card must not be charged again. */
  static final Set<String> HARD =
      Set.of(
          "stolen_card",
          "lost_card",
          "pickup_card",
          "fraudulent",
          "restricted_card",
          "revocation_of_authorization",
          "revocation_of_all_authorizations",
          "security_violation");

  private Declines() {}

  /**
   * The code to report for a failed payment: the decline code when the issuer gave one, else
   * Stripe's error code, else {@code fallback}.
   */
  static String failureCode(String declineCode, String code, String fallback) {
    if (declineCode != null && !declineCode.isBlank()) {
      return declineCode;
    }
    if (code != null && !code.isBlank()) {
      return code;
    }
    return fallback;
  }

  /** Whether a failure with this code (from {@link #failureCode}) is final. */
  static boolean isHard(String failureCode) {
    return failureCode != null && HARD.contains(failureCode);
  }
}
