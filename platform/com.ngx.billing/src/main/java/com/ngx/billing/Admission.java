package com.ngx.billing;

/**
 * Whether some work may go ahead under the tenant's plan.
 *
 * @param allowed whether it may
 * @param code why not: {@link #QUOTA_EXCEEDED}, {@link #SUSPENDED} or {@link #CANCELLED}; null when allowed
 * @param message a sentence for the person who asked (shown in the widget or an API problem)
 * @param limit the plan's limit, or null when unlimited
 * @param used what is used now (before the work)
 */
public record Admission(boolean allowed, String code, String message, Long limit, long used) {
  public static final String QUOTA_EXCEEDED = "quota_exceeded";
  public static final String SUSPENDED = "suspended";
  public static final String CANCELLED = "cancelled";

  /** Allowed, with what is used and the limit. */
  public static Admission allow(Long limit, long used) {
    return new Admission(true, null, null, limit, used);
  }

  /** Refused for {@code code}. */
  public static Admission refuse(String code, String message, Long limit, long used) {
    return new Admission(false, code, message, limit, used);
  }
}
