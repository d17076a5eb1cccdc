package com.ngx.api.payment;

/**
 * A paying tenant as a provider's customer.
 *
 * @param reference the provider's customer reference when it exists, or null to create one
 * @param accountId the platform's id of the paying account (the tenant id)
 * @param name the billing name
 * @param email where the provider sends receipts, or null
 * @param country ISO 3166-1 alpha-2 country, or null
 * @param idempotencyKey 1–200 characters; a retry with the same key never creates two customers
 */
public record PaymentCustomer(
    String reference, String accountId, String name, String email, String country, String idempotencyKey) {}
