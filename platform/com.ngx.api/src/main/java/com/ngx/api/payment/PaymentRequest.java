package com.ngx.api.payment;

/**
 * A charge to make.
 *
 * @param invoiceId the invoice being paid
 * @param amountMinor the amount in the currency's minor units (cents), at least 1
 * @param currency ISO 4217 code, e.g. {@code USD}
 * @param customerReference the provider's customer id for the tenant, if known
 * @param idempotencyKey identifies this attempt; retries reuse it
 */
public record PaymentRequest(
    String invoiceId, long amountMinor, String currency, String customerReference, String idempotencyKey) {}
