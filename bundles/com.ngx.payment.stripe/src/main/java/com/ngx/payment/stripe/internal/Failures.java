package com.ngx.payment.stripe.internal;

import com.ngx.api.payment.PaymentResult;
import com.ngx.api.payment.PaymentResult.Status;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import java.net.SocketTimeoutException;

/**
 * Turns Stripe's exceptions into the platform's terms: a {@link PaymentResult} for charges and
 * refunds (an ordinary failure is an answer, not an exception), or an exception whose message says
 * what happened for the calls that return something else. No message ever contains the API key.
 */
final class Failures {
  /** Stripe could not be reached, or answered 5xx or 429: try again later. */
  static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
  /** Stripe refused the API key (401) or its permissions (403). */
  static final String AUTHENTICATION_FAILED = "authentication_failed";
  /** The customer has no default payment method (or there is no customer). */
  static final String NO_PAYMENT_METHOD = "no_payment_method";
  /** A failure Stripe gave no code for. */
  static final String PROVIDER_ERROR = "provider_error";

  /** Messages are shown to tenants and stored; Stripe's are a sentence or two. */
  static final int MAX_MESSAGE = 300;

  private Failures() {}

  /** The result of a charge or refund that Stripe refused or could not make. */
  static PaymentResult result(StripeException e, ProviderSettings settings) {
    String message = message(e, settings);
    if (e instanceof CardException card) {
      String code = Declines.failureCode(card.getDeclineCode(), card.getCode(), "card_declined");
      StripeError error = card.getStripeError();
      String reference =
          error != null && error.getPaymentIntent() != null
              ? error.getPaymentIntent().getId()
              : null;
      return new PaymentResult(
          Declines.isHard(code) ? Status.HARD_DECLINED : Status.FAILED, reference, code, message);
    }
    return new PaymentResult(Status.FAILED, null, code(e), message);
  }

  /**
   * The exception for a failed call that has no result to carry it: {@link
   * IllegalArgumentException} when Stripe refused the request itself (no such payment method, a
   * declined card …), {@link IllegalStateException} when Stripe or the settings are at fault.
   */
  static RuntimeException exception(String what, StripeException e, ProviderSettings settings) {
    String code = code(e);
    String text = what + ": " + message(e, settings) + " [" + code + "]";
    if (code.equals(PROVIDER_UNAVAILABLE) || code.equals(AUTHENTICATION_FAILED)) {
      return new IllegalStateException(text);
    }
    return new IllegalArgumentException(text);
  }

  /** The platform's failure code for {@code e}. */
  static String code(StripeException e) {
    if (e instanceof CardException card) {
      return Declines.failureCode(card.getDeclineCode(), card.getCode(), "card_declined");
    }
    if (unavailable(e)) {
      return PROVIDER_UNAVAILABLE;
    }
    if (e instanceof AuthenticationException || e instanceof PermissionException) {
      return AUTHENTICATION_FAILED;
    }
    if (e instanceof IdempotencyException) {
      return "idempotency_error";
    }
    String code = e.getCode();
    return code == null || code.isBlank() ? PROVIDER_ERROR : code;
  }

  /** Whether the failure is Stripe's or the network's, and so may pass. */
  static boolean unavailable(StripeException e) {
    if (e instanceof ApiConnectionException || e instanceof RateLimitException) {
      return true;
    }
    Integer status = e.getStatusCode();
    return status != null && (status >= 500 || status == 429);
  }

  private static String message(StripeException e, ProviderSettings settings) {
    String text;
    if (e instanceof ApiConnectionException) {
      // stripe-java's text names the host and the cause; the cause's class says what kind
      Throwable cause = e.getCause();
      if (cause instanceof SocketTimeoutException) {
        text =
            "no answer from Stripe at "
                + settings.apiBase()
                + " within "
                + settings.timeout().getSeconds()
                + " s";
      } else {
        text =
            "could not reach Stripe at "
                + settings.apiBase()
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
      }
    } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
      text =
          "Stripe refused the API key (HTTP "
              + e.getStatusCode()
              + "), check the apiKey setting: "
              + errorMessage(e);
    } else if (unavailable(e)) {
      text = "Stripe is unavailable (HTTP " + e.getStatusCode() + "): " + errorMessage(e);
    } else {
      text = errorMessage(e);
    }
    text = settings.redact(text);
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** Stripe's own message without stripe-java's suffixes (request id, code). */
  private static String errorMessage(StripeException e) {
    StripeError error = e.getStripeError();
    if (error != null && error.getMessage() != null && !error.getMessage().isBlank()) {
      return error.getMessage();
    }
    String text = e.getMessage();
    return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
  }
}
