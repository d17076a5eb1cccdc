package com.ngx.payment.stripe.internal;

import com.ngx.api.payment.PaymentAccounts;
import com.ngx.api.payment.PaymentCustomer;
import com.ngx.api.payment.PaymentEvent;
import com.ngx.api.payment.PaymentMethod;
import com.ngx.api.payment.PaymentProvider;
import com.ngx.api.payment.PaymentRefunds;
import com.ngx.api.payment.PaymentRequest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.payment.PaymentResult.Status;
import com.ngx.api.payment.PaymentWebhooks;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.web.WebRequest;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The payment provider {@code stripe}: saves paying tenants as Stripe customers with a default
 * payment method, charges invoices off-session with PaymentIntents, refunds, and verifies and reads
 * Stripe's webhooks.
 *
 * <p>Charges and refunds answer every ordinary failure (a decline, Stripe unreachable, a refused
 * key) with a {@link PaymentResult}; only a broken call (bad arguments, settings missing) throws.
 * Every write carries the caller's idempotency key, so a retry never charges, refunds or creates a
 * customer twice. The operator's settings arrive with every call ({@code
 * PluginContext.settings()}); Config Admin is not used, so the component activates without any
 * configuration.
 */
@Component(
    service = {
      PaymentProvider.class,
      PaymentAccounts.class,
      PaymentRefunds.class,
      PaymentWebhooks.class
    },
    configurationPid = StripeSettings.PLUGIN_ID)
@Designate(ocd = StripeSettings.class)
public final class StripePaymentProvider
    implements PaymentProvider, PaymentAccounts, PaymentRefunds, PaymentWebhooks {
  /** The metadata key of the platform's account id on customers. */
  static final String ACCOUNT_ID = "ngx_account_id";

  /** Stripe ids are letters, digits and underscores ({@code cus_…}, {@code pm_…}, {@code pi_…}). */
  private static final Pattern STRIPE_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

  private final StripeClients clients;
  private final Clock clock;

  @Activate
  public StripePaymentProvider() {
    this(Clock.systemUTC());
  }

  /** With the clock against which webhook timestamps are checked. */
  StripePaymentProvider(Clock clock) {
    this.clients = new StripeClients();
    this.clock = clock;
  }

  @Override
  public String providerId() {
    return StripeSettings.PLUGIN_ID;
  }

  // --- PaymentAccounts ---------------------------------------------------------------------------

  @Override
  public String saveCustomer(PluginContext context, PaymentCustomer customer) {
    if (customer.accountId() == null || customer.accountId().isBlank()) {
      throw new IllegalArgumentException("customer: accountId is required");
    }
    RequestOptions options = idempotent(customer.idempotencyKey());
    String country =
        customer.country() == null || customer.country().isBlank()
            ? null
            : customer.country().strip().toUpperCase(Locale.ROOT);
    ProviderSettings settings = ProviderSettings.of(context.settings());
    StripeClient client = clients.client(settings);
    try {
      if (customer.reference() == null || customer.reference().isBlank()) {
        CustomerCreateParams.Builder params =
            CustomerCreateParams.builder().putMetadata(ACCOUNT_ID, customer.accountId());
        if (customer.name() != null) {
          params.setName(customer.name());
        }
        if (customer.email() != null) {
          params.setEmail(customer.email());
        }
        if (country != null) {
          params.setAddress(CustomerCreateParams.Address.builder().setCountry(country).build());
        }
        return client.v1().customers().create(params.build(), options).getId();
      }
      String reference = id(customer.reference(), "customer.reference");
      CustomerUpdateParams.Builder params =
          CustomerUpdateParams.builder().putMetadata(ACCOUNT_ID, customer.accountId());
      if (customer.name() != null) {
        params.setName(customer.name());
      }
      if (customer.email() != null) {
        params.setEmail(customer.email());
      }
      if (country != null) {
        params.setAddress(CustomerUpdateParams.Address.builder().setCountry(country).build());
      }
      return client.v1().customers().update(reference, params.build(), options).getId();
    } catch (StripeException e) {
      throw Failures.exception("saving the Stripe customer failed", e, settings);
    }
  }

  @Override
  public PaymentMethod attachPaymentMethod(
      PluginContext context, String customerReference, String paymentMethodToken) {
    String customer = id(customerReference, "customerReference");
    String token = id(paymentMethodToken, "paymentMethodToken");
    ProviderSettings settings = ProviderSettings.of(context.settings());
    StripeClient client = clients.client(settings);
    com.stripe.model.PaymentMethod method;
    try {
      method =
          client
              .v1()
              .paymentMethods()
              .attach(token, PaymentMethodAttachParams.builder().setCustomer(customer).build());
    } catch (StripeException e) {
      throw Failures.exception("attaching the payment method failed", e, settings);
    }
    try {
      client
          .v1()
          .customers()
          .update(
              customer,
              CustomerUpdateParams.builder()
                  .setInvoiceSettings(
                      CustomerUpdateParams.InvoiceSettings.builder()
                          .setDefaultPaymentMethod(method.getId())
                          .build())
                  .build());
    } catch (StripeException e) {
      throw Failures.exception(
          "making the payment method the customer's default failed", e, settings);
    }
    return describe(method);
  }

  /** As much of a payment method as may be shown. */
  static PaymentMethod describe(com.stripe.model.PaymentMethod method) {
    String brand = null;
    String last4 = null;
    int expMonth = 0;
    int expYear = 0;
    if (method.getCard() != null) {
      com.stripe.model.PaymentMethod.Card card = method.getCard();
      brand = card.getBrand();
      last4 = card.getLast4();
      expMonth = card.getExpMonth() == null ? 0 : card.getExpMonth().intValue();
      expYear = card.getExpYear() == null ? 0 : card.getExpYear().intValue();
    } else if (method.getSepaDebit() != null) {
      last4 = method.getSepaDebit().getLast4();
    } else if (method.getUsBankAccount() != null) {
      brand = method.getUsBankAccount().getBankName();
      last4 = method.getUsBankAccount().getLast4();
    }
    return new PaymentMethod(method.getId(), method.getType(), brand, last4, expMonth, expYear);
  }

  // --- PaymentProvider ---------------------------------------------------------------------------

  @Override
  public PaymentResult charge(PluginContext context, PaymentRequest request) {
    if (request.invoiceId() == null || request.invoiceId().isBlank()) {
      throw new IllegalArgumentException("request: invoiceId is required");
    }
    if (request.amountMinor() < 1) {
      throw new IllegalArgumentException("request: amountMinor must be at least 1");
    }
    String currency = currency(request.currency());
    RequestOptions options = idempotent(request.idempotencyKey());
    ProviderSettings settings = ProviderSettings.of(context.settings());
    if (request.customerReference() == null || request.customerReference().isBlank()) {
      return new PaymentResult(
          Status.FAILED,
          null,
          Failures.NO_PAYMENT_METHOD,
          "the account has no Stripe customer and so no payment method");
    }
    String customerId = id(request.customerReference(), "request.customerReference");
    StripeClient client = clients.client(settings);
    try {
      // the default is read on every charge: the tenant may have changed cards in the meantime
      Customer customer = client.v1().customers().retrieve(customerId);
      String method =
          Boolean.TRUE.equals(customer.getDeleted()) || customer.getInvoiceSettings() == null
              ? null
              : customer.getInvoiceSettings().getDefaultPaymentMethod();
      if (method == null) {
        return new PaymentResult(
            Status.FAILED,
            null,
            Failures.NO_PAYMENT_METHOD,
            Boolean.TRUE.equals(customer.getDeleted())
                ? "the Stripe customer " + customerId + " was deleted"
                : "the Stripe customer " + customerId + " has no default payment method");
      }
      PaymentIntent intent =
          client
              .v1()
              .paymentIntents()
              .create(
                  PaymentIntentCreateParams.builder()
                      .setAmount(request.amountMinor())
                      .setCurrency(currency)
                      .setCustomer(customerId)
                      .setPaymentMethod(method)
                      .setConfirm(true)
                      .setOffSession(true)
                      // no payment method that would redirect the (absent) customer: a confirm
                      // with automatic payment methods otherwise needs a return_url
                      .setAutomaticPaymentMethods(
                          PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                              .setEnabled(true)
                              .setAllowRedirects(
                                  PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects
                                      .NEVER)
                              .build())
                      .setDescription("Invoice " + request.invoiceId())
                      .putMetadata(WebhookEvents.INVOICE_ID, request.invoiceId())
                      .build(),
                  options);
      return result(intent);
    } catch (StripeException e) {
      return Failures.result(e, settings);
    }
  }

  /** A PaymentIntent's state as a charge result. */
  static PaymentResult result(PaymentIntent intent) {
    String status = intent.getStatus() == null ? "" : intent.getStatus();
    switch (status) {
      case "succeeded":
        return new PaymentResult(Status.SUCCEEDED, intent.getId(), null, "paid");
      case "processing":
        return new PaymentResult(
            Status.PENDING, intent.getId(), null, "the payment is processing");
      case "requires_action":
        return new PaymentResult(
            Status.PENDING,
            intent.getId(),
            null,
            "the payment needs the customer's action (e.g. authentication)");
      case "requires_payment_method":
      case "canceled":
        {
          StripeError error = intent.getLastPaymentError();
          String code =
              Declines.failureCode(
                  error == null ? null : error.getDeclineCode(),
                  error == null ? null : error.getCode(),
                  status);
          String message =
              error != null && error.getMessage() != null
                  ? error.getMessage()
                  : "the payment ended as " + status;
          return new PaymentResult(
              Declines.isHard(code) ? Status.HARD_DECLINED : Status.FAILED,
              intent.getId(),
              code,
              message);
        }
      default:
        // requires_confirmation, requires_capture: not final, and not to be charged again
        return new PaymentResult(
            Status.PENDING, intent.getId(), null, "the payment is " + status);
    }
  }

  // --- PaymentRefunds ----------------------------------------------------------------------------

  @Override
  public PaymentResult refund(
      PluginContext context,
      String chargeReference,
      long amountMinor,
      String currency,
      String idempotencyKey) {
    String reference = id(chargeReference, "chargeReference");
    if (amountMinor < 1) {
      throw new IllegalArgumentException("amountMinor must be at least 1");
    }
    if (currency != null) {
      currency(currency);
    }
    RequestOptions options = idempotent(idempotencyKey);
    ProviderSettings settings = ProviderSettings.of(context.settings());
    StripeClient client = clients.client(settings);
    RefundCreateParams.Builder params = RefundCreateParams.builder().setAmount(amountMinor);
    if (reference.startsWith("ch_") || reference.startsWith("py_")) {
      params.setCharge(reference);
    } else {
      params.setPaymentIntent(reference);
    }
    try {
      Refund refund = client.v1().refunds().create(params.build(), options);
      String status = refund.getStatus() == null ? "" : refund.getStatus();
      switch (status) {
        case "succeeded":
          return new PaymentResult(Status.SUCCEEDED, refund.getId(), null, "refunded");
        case "failed":
        case "canceled":
          return new PaymentResult(
              Status.FAILED,
              refund.getId(),
              refund.getFailureReason() == null ? status : refund.getFailureReason(),
              "the refund " + status);
        default:
          // pending, requires_action: Stripe finishes it later (charge.refunded tells)
          return new PaymentResult(Status.PENDING, refund.getId(), null, "the refund is " + status);
      }
    } catch (StripeException e) {
      return Failures.result(e, settings);
    }
  }

  // --- PaymentWebhooks ---------------------------------------------------------------------------

  @Override
  public List<PaymentEvent> receive(PluginContext context, WebRequest request) {
    ProviderSettings settings = ProviderSettings.of(context.settings());
    byte[] body = request.body() == null ? new byte[0] : request.body();
    // the raw bytes, before anything reads them
    WebhookSignature.verify(
        body,
        request.header(WebhookSignature.HEADER),
        settings.webhookSecret(),
        settings.tolerance(),
        clock);
    return WebhookEvents.read(body);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static RequestOptions idempotent(String key) {
    if (key == null || key.isBlank() || key.length() > 255) {
      throw new IllegalArgumentException("idempotencyKey must have 1 to 255 characters");
    }
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  private static String id(String value, String name) {
    if (value == null || !STRIPE_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " is not a Stripe id");
    }
    return value;
  }

  private static String currency(String value) {
    if (value == null || !CURRENCY.matcher(value).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
