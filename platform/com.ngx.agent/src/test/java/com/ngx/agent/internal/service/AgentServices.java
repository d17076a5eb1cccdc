package com.ngx.agent.internal.service;

import com.ngx.agent.internal.RealEmbedder;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.tenant.TenantContext;
import com.ngx.marketplace.PluginHost;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.tenant.TenantStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The agent module's services wired as DS wires them, on the test database, with the real
 * embedding model and small fakes for what other bundles provide: billing (entitlements that allow
 * everything until told otherwise, a recording metering, a fixed billing clock), the tenant
 * registry, no plugins. Each instance has a tenant and schema of its own.
 */
final class AgentServices implements AutoCloseable {
  /** The billing clock's time: the last minute of February, far from the system clock's. */
  static final Instant BILLING_NOW = Instant.parse("2031-02-28T23:59:30Z");

  /** A tenant with no plugins installed. */
  static final PluginHost NO_PLUGINS = new PluginHost() {
    @Override
    public <T, R> List<PluginOutcome<R>> callAll(TenantContext tenant, Class<T> extensionPoint,
        BiFunction<T, PluginContext, R> call) {
      return List.of();
    }

    @Override
    public <T, R> PluginOutcome<R> call(TenantContext tenant, String pluginId, Class<T> extensionPoint,
        BiFunction<T, PluginContext, R> call) {
      return new PluginOutcome<>(pluginId, null, false, null, "not installed");
    }
  };

  final AgentDatabase db = AgentDatabase.get();
  final FakeEntitlements entitlements = new FakeEntitlements();
  final RecordingMetering metering = new RecordingMetering();
  final FakeTenants tenants = new FakeTenants();
  final Clock billingClock = Clock.fixed(BILLING_NOW, ZoneOffset.UTC);
  final TenantContext tenant = new TenantContext(UUID.randomUUID(), "t-" + UUID.randomUUID().toString().substring(0, 8));
  final String schema = db.newSchema();
  final Knowledge knowledge;
  final Agents agents;
  final UsageRelay relay;
  final Conversations conversations;
  final Widgets widgets;

  AgentServices() {
    tenants.add(tenant, schema, TenantStatus.ACTIVE);
    knowledge = new Knowledge(db.store, RealEmbedder.get(), entitlements);
    agents = new Agents(db.store, RealEmbedder.get(), new Templates(NO_PLUGINS), knowledge, entitlements);
    relay = new UsageRelay(db.store, tenants, metering, false);
    conversations = new Conversations(db.store, agents, knowledge, RealEmbedder.get(), NO_PLUGINS, (t, type, data) -> {},
        entitlements, relay, billingClock);
    widgets = new Widgets(db.store, tenants, agents, entitlements);
  }

  /** A blank agent, published. */
  String publishedAgent() {
    String id = agents.create(tenant, schema, "Seller", "en", null, null).id();
    agents.publish(tenant, schema, id, null);
    return id;
  }

  /** Rows of a table of this tenant's schema matching {@code where} (SQL). */
  long count(String table, String where) {
    return db.number("select count(*) from " + schema + "." + table + (where == null ? "" : " where " + where));
  }

  @Override
  public void close() {
    relay.deactivate();
    conversations.deactivate();
    agents.deactivate();
  }
}
