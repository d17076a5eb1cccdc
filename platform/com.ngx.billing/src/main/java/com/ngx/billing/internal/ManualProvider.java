package com.ngx.billing.internal;

import com.ngx.api.payment.PaymentProvider;
import com.ngx.api.payment.PaymentRequest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.plugin.PluginContext;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in bank-transfer provider: nothing is charged automatically; the invoice waits for the
 * transfer, which an operator records ({@code POST /operator/invoices/{id}/payments}). Unpaid past
 * its due date, it goes through dunning like a failed card payment.
 */
@Component(service = PaymentProvider.class)
public final class ManualProvider implements PaymentProvider {
  static final String ID = "manual";

  @Override
  public String providerId() {
    return ID;
  }

  @Override
  public PaymentResult charge(PluginContext context, PaymentRequest request) {
    return new PaymentResult(PaymentResult.Status.PENDING, "transfer:" + request.invoiceId(), null,
        "Awaiting bank transfer");
  }
}
