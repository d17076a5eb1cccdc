package com.ngx.payment.stripe.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.ngx.api.payment.PaymentEvent;
import com.ngx.api.payment.PaymentEvent.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Stripe event (https://docs.stripe.com/api/events/object) and translates what concerns
 * the platform's charges into {@link PaymentEvent}s.
 *
 * <p>The JSON is read directly rather than through stripe-java's {@code Event}: stripe-java only
 * hands out an event's object when the event's API version is the one it was built for, and the
 * fields read here have kept their names across API versions.
 *
 * <table>
 * <caption>Events handled</caption>
 * <tr><th>Stripe event</th><th>{@link Type}</th><th>reference, amount</th></tr>
 * <tr><td>{@code payment_intent.succeeded}</td><td>SUCCEEDED</td><td>the PaymentIntent, {@code amount_received}</td></tr>
 * <tr><td>{@code payment_intent.payment_failed}</td><td>FAILED or HARD_DECLINED</td><td>the PaymentIntent, {@code amount}</td></tr>
 * <tr><td>{@code charge.refunded}</td><td>REFUNDED</td><td>the charge's PaymentIntent, {@code amount_refunded}</td></tr>
 * <tr><td>{@code charge.dispute.created}</td><td>DISPUTED</td><td>the dispute's PaymentIntent, {@code amount}</td></tr>
 * </table>
 *
 * The invoice id is the object's {@code metadata.ngx_invoice_id}: the plugin puts it on every
 * PaymentIntent, and Stripe copies a PaymentIntent's metadata to its charges. Payment and refund
 * events without it concern payments the platform did not make and are left out. Disputes carry
 * no copy of the metadata, so their invoice id is usually null and the platform finds the payment
 * by its reference.
 */
final class WebhookEvents {
  /** The metadata key of the platform's invoice id on PaymentIntents and charges. */
  static final String INVOICE_ID = "ngx_invoice_id";

  private WebhookEvents() {}

  /**
   * The platform's events in a webhook body.
   *
   * @throws IllegalArgumentException when the body is not a Stripe event
   */
  static List<PaymentEvent> read(byte[] body) {
    JsonObject event;
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException("the body is not a Stripe event: not a JSON object");
      }
      event = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the body is not a Stripe event: not JSON", e);
    }
    String kind = string(event, "object");
    String id = string(event, "id");
    String type = string(event, "type");
    JsonObject data = object(event, "data");
    JsonObject object = data == null ? null : object(data, "object");
    Long created = number(event, "created");
    if (!"event".equals(kind) || id == null || type == null || object == null || created == null) {
      throw new IllegalArgumentException(
          "the body is not a Stripe event: it needs object \"event\", id, type, created and"
              + " data.object");
    }
    Instant occurredAt = Instant.ofEpochSecond(created);

    switch (type) {
      case "payment_intent.succeeded":
        {
          String invoiceId = invoiceId(object);
          if (invoiceId == null) {
            return List.of();
          }
          Long received = number(object, "amount_received");
          return List.of(
              new PaymentEvent(
                  id,
                  Type.SUCCEEDED,
                  invoiceId,
                  string(object, "id"),
                  received != null && received > 0 ? received : amount(object, "amount"),
                  currency(object),
                  null,
                  occurredAt));
        }
      case "payment_intent.payment_failed":
        {
          String invoiceId = invoiceId(object);
          if (invoiceId == null) {
            return List.of();
          }
          JsonObject error = object(object, "last_payment_error");
          String code =
              Declines.failureCode(
                  error == null ? null : string(error, "decline_code"),
                  error == null ? null : string(error, "code"),
                  "payment_failed");
          return List.of(
              new PaymentEvent(
                  id,
                  Declines.isHard(code) ? Type.HARD_DECLINED : Type.FAILED,
                  invoiceId,
                  string(object, "id"),
                  amount(object, "amount"),
                  currency(object),
                  code,
                  occurredAt));
        }
      case "charge.refunded":
        {
          String invoiceId = invoiceId(object);
          if (invoiceId == null) {
            return List.of();
          }
          return List.of(
              new PaymentEvent(
                  id,
                  Type.REFUNDED,
                  invoiceId,
                  paymentReference(object),
                  amount(object, "amount_refunded"),
                  currency(object),
                  null,
                  occurredAt));
        }
      case "charge.dispute.created":
        return List.of(
            new PaymentEvent(
                id,
                Type.DISPUTED,
                invoiceId(object),
                paymentReference(object),
                amount(object, "amount"),
                currency(object),
                string(object, "reason"),
                occurredAt));
      default:
        return List.of();
    }
  }

  /** The PaymentIntent a charge or dispute belongs to, else the charge itself. */
  private static String paymentReference(JsonObject object) {
    String paymentIntent = idOf(object.get("payment_intent"));
    if (paymentIntent != null) {
      return paymentIntent;
    }
    if ("charge".equals(string(object, "object"))) {
      return string(object, "id");
    }
    return idOf(object.get("charge"));
  }

  private static String invoiceId(JsonObject object) {
    JsonObject metadata = object(object, "metadata");
    String invoiceId = metadata == null ? null : string(metadata, INVOICE_ID);
    return invoiceId == null || invoiceId.isBlank() ? null : invoiceId;
  }

  private static String currency(JsonObject object) {
    String currency = string(object, "currency");
    return currency == null ? null : currency.toUpperCase(Locale.ROOT);
  }

  private static long amount(JsonObject object, String name) {
    Long amount = number(object, name);
    return amount == null ? 0 : amount;
  }

  /** An expandable field: an id, or the expanded object with its id. */
  private static String idOf(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      return value.getAsString();
    }
    if (value.isJsonObject()) {
      return string(value.getAsJsonObject(), "id");
    }
    return null;
  }

  private static String string(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
        ? value.getAsString()
        : null;
  }

  private static Long number(JsonObject object, String name) {
    JsonElement value = object.get(name);
    if (value == null || !value.isJsonPrimitive()) {
      return null;
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    if (!p.isNumber()) {
      return null;
    }
    try {
      return p.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static JsonObject object(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }
}
