package com.ngx.billing;

import java.util.Objects;

/**
 * A charge another part of the platform asks billing to put on a tenant's invoice, e.g. an add-on's
 * monthly fee. Billing invoices each ({@link ChargeSource#source()}, {@code ref}) once.
 *
 * @param ref the source's id of the charge (1–120 characters), e.g. a ledger entry id
 * @param description the invoice line's text
 * @param quantity units, at least 1
 * @param unitAmountMinor price per unit in minor units
 * @param amountMinor the line's amount in minor units (negative for a reversal)
 * @param currency ISO 4217 code
 */
public record Charge(
    String ref, String description, long quantity, long unitAmountMinor, long amountMinor, String currency) {
  public Charge {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(currency, "currency");
  }
}
