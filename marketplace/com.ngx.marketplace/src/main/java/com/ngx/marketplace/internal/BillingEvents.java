package com.ngx.marketplace.internal;

import com.ngx.api.event.DomainEvent;
import com.ngx.billing.BillingEventListener;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes billing's domain events ({@code quota.warning}, {@code invoice.paid}, …) on to the
 * event listeners of the add-ons the event's tenant ({@code data.tenantId}) has enabled.
 */
@Component
public final class BillingEvents implements BillingEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(BillingEvents.class);

  private final BiConsumer<UUID, DomainEvent> delivery;

  @Activate
  public BillingEvents(@Reference PluginHostImpl host) {
    this(host::forward);
  }

  /** With the delivery to the tenant's add-ons (tests). */
  BillingEvents(BiConsumer<UUID, DomainEvent> delivery) {
    this.delivery = delivery;
  }

  @Override
  public void onEvent(DomainEvent event) {
    String tenant = event.data().get("tenantId");
    UUID tenantId;
    try {
      tenantId = UUID.fromString(tenant);
    } catch (IllegalArgumentException | NullPointerException e) {
      LOG.warn("Billing event {} ({}) names no tenant ({}): not delivered to add-ons", event.id(), event.type(),
          tenant);
      return;
    }
    delivery.accept(tenantId, event);
  }
}
