package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ngx.api.event.DomainEvent;
import com.ngx.api.event.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Billing's events go to the add-ons of the tenant the event names, as they are. */
class BillingEventsTest {

  private record Delivered(UUID tenantId, DomainEvent event) {}

  private final List<Delivered> delivered = new ArrayList<>();
  private final BillingEvents events = new BillingEvents((tenant, event) -> delivered.add(new Delivered(tenant, event)));

  private static DomainEvent event(Map<String, String> data) {
    return new DomainEvent(UUID.randomUUID().toString(), EventTypes.QUOTA_WARNING,
        Instant.parse("2026-10-07T15:30:00Z"), data);
  }

  @Test
  void anEventIsDeliveredToItsTenantUnchanged() {
    UUID tenant = UUID.randomUUID();
    DomainEvent warning =
        event(Map.of("tenantId", tenant.toString(), "limit", "conversationsPerMonth", "percent", "80"));

    events.onEvent(warning);

    assertEquals(List.of(new Delivered(tenant, warning)), delivered);
  }

  @Test
  void anEventWithoutAValidTenantIsNotDelivered() {
    // no tenant
    events.onEvent(event(Map.of("limit", "brands")));
    // not a tenant id
    events.onEvent(event(Map.of("tenantId", "acme")));

    assertEquals(List.of(), delivered);
  }
}
