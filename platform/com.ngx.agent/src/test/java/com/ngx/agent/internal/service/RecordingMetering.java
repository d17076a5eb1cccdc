package com.ngx.agent.internal.service;

import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Metering;
import com.ngx.billing.UsageEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Billing's metering for tests: records every call as it came (de-duplicating is billing's
 * business, not the relay's), or fails while {@link #failure} is set.
 */
final class RecordingMetering implements Metering {
  /** One call. */
  record Call(TenantContext tenant, List<UsageEvent> events) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  /** Thrown by every call while set (billing away). */
  volatile RuntimeException failure;

  @Override
  public int record(TenantContext tenant, List<UsageEvent> events) {
    if (failure != null) {
      throw failure;
    }
    calls.add(new Call(tenant, List.copyOf(events)));
    return events.size();
  }

  /** Every event handed over, in order. */
  List<UsageEvent> events() {
    return calls.stream().flatMap(c -> c.events().stream()).toList();
  }

  /** The ids of every event handed over, in order (repeats included). */
  List<String> ids() {
    return events().stream().map(UsageEvent::id).toList();
  }
}
