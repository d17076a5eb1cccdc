package com.ngx.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * Money that actually moved for one invoiced charge: paid, or reversed by a refund or chargeback.
 *
 * @param ref the {@link Charge#ref()} the source gave
 * @param kind {@link #PAID}, {@link #REFUNDED} or {@link #CHARGEBACK}
 * @param at when, by the billing clock
 * @param amountMinor positive when paid, negative when reversed
 * @param currency ISO 4217 code
 * @param tenantId the paying tenant
 * @param invoiceNumber the invoice (or credit note) number
 */
public record Settlement(
    String ref, String kind, Instant at, long amountMinor, String currency, UUID tenantId, String invoiceNumber) {
  public static final String PAID = "paid";
  public static final String REFUNDED = "refunded";
  public static final String CHARGEBACK = "chargeback";
}
