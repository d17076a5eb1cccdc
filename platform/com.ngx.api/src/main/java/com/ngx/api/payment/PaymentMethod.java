package com.ngx.api.payment;

/**
 * A saved payment method, as much of it as may be shown.
 *
 * @param reference the provider's reference, e.g. {@code pm_…}
 * @param type e.g. {@code card}, {@code sepa_debit}
 * @param brand e.g. {@code visa}, or null
 * @param last4 the last four digits, or null
 * @param expMonth 1–12, or 0 when it does not expire
 * @param expYear e.g. 2030, or 0
 */
public record PaymentMethod(String reference, String type, String brand, String last4, int expMonth, int expYear) {}
