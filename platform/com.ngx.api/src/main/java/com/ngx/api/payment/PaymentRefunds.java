package com.ngx.api.payment;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/** Returns money of a successful charge. Registered by a provider that can refund. */
@ConsumerType
public interface PaymentRefunds {
  /** The provider's id, the same as its {@link PaymentProvider#providerId()}. */
  String providerId();

  /**
   * Refunds {@code amountMinor} of the charge {@code chargeReference} (the {@link
   * PaymentResult#reference()} of a successful charge). Idempotent for {@code idempotencyKey}.
   */
  PaymentResult refund(
      PluginContext context, String chargeReference, long amountMinor, String currency, String idempotencyKey);
}
