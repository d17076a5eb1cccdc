package com.ngx.api.payment;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.web.WebRequest;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a provider's webhooks at {@code POST /api/v1/plugins/{providerId}/webhook}. The plugin
 * verifies the sender on the raw body (signature, timestamp tolerance) and translates what concerns
 * charges into {@link PaymentEvent}s; the platform applies each event id once. The context's tenant
 * is the platform itself (slug {@code platform}); its settings are the operator's.
 */
@ConsumerType
public interface PaymentWebhooks {
  /** The provider's id, the same as its {@link PaymentProvider#providerId()}. */
  String providerId();

  /**
   * Verifies and reads one webhook call.
   *
   * @throws SecurityException when the signature does not verify (answered with 400)
   * @throws IllegalArgumentException when the body is not an event (answered with 400)
   * @return the events that concern charges; empty for those that do not (answered with 200)
   */
  List<PaymentEvent> receive(PluginContext context, WebRequest request);
}
