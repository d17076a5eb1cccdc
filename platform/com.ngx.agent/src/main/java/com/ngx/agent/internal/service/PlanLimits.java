package com.ngx.agent.internal.service;

import com.ngx.billing.Admission;
import com.ngx.billing.Limit;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import java.util.List;

/**
 * Billing's refusals as the API's answer: {@code 402 Plan limit reached}, the sentence billing
 * wrote for the person who asked as the detail, and one error naming what refused (the plan's
 * limit by its key, or {@code subscription} when it is suspended or cancelled).
 */
final class PlanLimits {
  static final int STATUS = 402;
  static final String TITLE = "Plan limit reached";

  private PlanLimits() {}

  /** Does nothing when the admission allows the work; throws the 402 problem otherwise. */
  static void require(Admission admission, Limit limit) {
    if (!admission.allowed()) {
      throw refused(admission, limit);
    }
  }

  /** The 402 problem for a refused admission of {@code limit}. */
  static ApiException refused(Admission admission, Limit limit) {
    boolean quota = Admission.QUOTA_EXCEEDED.equals(admission.code());
    FieldError error = quota
        ? new FieldError(limit.key(), admission.limit() == null
            ? "the plan does not allow more"
            : "the plan allows " + admission.limit() + "; " + admission.used() + " in use")
        : new FieldError("subscription", "is " + (admission.code() == null ? "inactive" : admission.code()));
    String message = admission.message();
    if (message == null || message.isBlank()) {
      message = quota ? "Your plan's limit of " + limitText(admission, limit) + " is reached; upgrade the plan to go on."
          : "Your subscription is " + (admission.code() == null ? "inactive" : admission.code()) + ".";
    }
    return new ApiException(STATUS, TITLE, message, List.of(error));
  }

  private static String limitText(Admission admission, Limit limit) {
    String n = admission.limit() == null ? "" : admission.limit() + " ";
    return switch (limit) {
      case CONVERSATIONS_PER_MONTH -> n + "conversations a month";
      case ACTIVE_AGENTS -> n + "agents";
      case BRANDS -> n + "widget brands";
      case KNOWLEDGE_CHARACTERS -> n + "characters of knowledge";
    };
  }
}
