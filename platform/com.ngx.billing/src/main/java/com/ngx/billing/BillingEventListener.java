package com.ngx.billing;

import com.ngx.api.event.DomainEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives billing's domain events after commit (whiteboard): {@code quota.warning} (80% and 100%
 * of a limit), {@code invoice.issued}, {@code invoice.paid}, {@code subscription.changed},
 * {@code subscription.suspended}, {@code subscription.reactivated}. The marketplace forwards them
 * to add-ons' event listeners.
 */
@ConsumerType
public interface BillingEventListener {
  /** Handles one event; the tenant is {@code data.tenantId}. Exceptions are logged, never retried. */
  void onEvent(DomainEvent event);
}
