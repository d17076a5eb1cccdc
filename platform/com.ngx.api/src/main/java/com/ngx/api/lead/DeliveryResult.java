package com.ngx.api.lead;

/**
 * The outcome of delivering a lead.
 *
 * @param delivered whether the receiving system accepted it
 * @param reference the receiving system's id for it, if it gave one
 * @param message a short explanation, shown to the tenant; never a secret
 */
public record DeliveryResult(boolean delivered, String reference, String message) {
  public static DeliveryResult delivered(String reference) {
    return new DeliveryResult(true, reference, "delivered");
  }

  public static DeliveryResult failed(String message) {
    return new DeliveryResult(false, null, message);
  }
}
