package com.ngx.api.payment;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/** Charges a tenant's invoices through a payment service (Stripe, bank transfer …). */
@ConsumerType
public interface PaymentProvider {
  /** The provider's id, e.g. {@code stripe}: 1–40 of [a-z0-9-]. */
  String providerId();

  /**
   * Charges one invoice. Must be idempotent for the request's {@code idempotencyKey}: a retry
   * with the same key never charges twice.
   */
  PaymentResult charge(PluginContext context, PaymentRequest request);
}
