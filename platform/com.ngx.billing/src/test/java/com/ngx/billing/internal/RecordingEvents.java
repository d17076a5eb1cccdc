package com.ngx.billing.internal;

import com.ngx.api.event.DomainEvent;
import com.ngx.billing.BillingEventListener;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link BillingEventListener} that keeps every event it receives, in order. */
public final class RecordingEvents implements BillingEventListener {
  private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(DomainEvent event) {
    events.add(event);
  }

  /** All events so far. */
  public List<DomainEvent> all() {
    return List.copyOf(events);
  }

  /** The tenant's events of a type, in order. */
  public List<DomainEvent> of(UUID tenant, String type) {
    return events.stream()
        .filter(e -> e.type().equals(type) && tenant.toString().equals(e.data().get("tenantId")))
        .toList();
  }
}
