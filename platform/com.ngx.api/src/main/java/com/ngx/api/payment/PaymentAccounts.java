package com.ngx.api.payment;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payment provider's customers and their payment methods. Registered by the same plugin as its
 * {@link PaymentProvider}, with the same {@link #providerId()}. The context's tenant is the paying
 * tenant; its settings are the operator's settings for the provider (e.g. the API key).
 */
@ConsumerType
public interface PaymentAccounts {
  /** The provider's id, the same as its {@link PaymentProvider#providerId()}. */
  String providerId();

  /**
   * Creates the provider's customer for a paying tenant, or updates it when {@code
   * customer.reference()} is set. Idempotent for {@code customer.idempotencyKey()}.
   *
   * @return the provider's customer reference, e.g. {@code cus_…}
   */
  String saveCustomer(PluginContext context, PaymentCustomer customer);

  /**
   * Attaches a payment method the tenant entered in the provider's own form (a token, e.g. {@code
   * pm_…}) to the customer and makes it the default for charges.
   */
  PaymentMethod attachPaymentMethod(PluginContext context, String customerReference, String paymentMethodToken);
}
