package com.ngx.billing.internal;

/** Subscription and invoice states, as stored and shown. */
final class Status {
  static final String TRIALING = "trialing";
  static final String ACTIVE = "active";
  static final String PAST_DUE = "past_due";
  static final String SUSPENDED = "suspended";
  static final String CANCELLED = "cancelled";

  static final String DRAFT = "draft";
  static final String OPEN = "open";
  static final String PAID = "paid";
  static final String VOID = "void";
  static final String UNCOLLECTIBLE = "uncollectible";

  static final String INVOICE = "invoice";
  static final String CREDIT_NOTE = "credit_note";

  private Status() {}
}
