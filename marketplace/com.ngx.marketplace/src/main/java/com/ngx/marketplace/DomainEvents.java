package com.ngx.marketplace;

import com.ngx.api.tenant.TenantContext;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes a tenant's domain events to the plugins that tenant has installed and enabled (their
 * {@code com.ngx.api.event.EventListener}s). Call it after the change is committed; delivery is
 * asynchronous, one event at a time, each call contained like any plugin call.
 */
@ProviderType
public interface DomainEvents {
  /**
   * Publishes one event.
   *
   * @param type one of {@code com.ngx.api.event.EventTypes}
   * @param data the event's details
   */
  void publish(TenantContext tenant, String type, Map<String, String> data);
}
