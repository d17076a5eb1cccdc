package com.ngx.api.event;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened in a tenant's account.
 *
 * @param id the event's unique id (deliveries of the same event carry the same id)
 * @param type one of {@link EventTypes}
 * @param occurredAt when it happened
 * @param data the event's details, by name
 */
public record DomainEvent(String id, String type, Instant occurredAt, Map<String, String> data) {
  public DomainEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
