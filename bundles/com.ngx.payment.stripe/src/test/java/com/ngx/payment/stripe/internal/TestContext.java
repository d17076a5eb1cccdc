package com.ngx.payment.stripe.internal;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.plugin.PluginData;
import com.ngx.api.plugin.PluginUsage;
import com.ngx.api.tenant.TenantContext;
import com.ngx.payment.stripe.testing.FakeStripe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An in-memory plugin context as the platform hands it to a payment provider: the tenant {@code
 * platform} with the operator's settings.
 */
final class TestContext implements PluginContext {
  final TenantContext tenant = new TenantContext(UUID.randomUUID(), "platform");
  final Map<String, Object> settings = new HashMap<>();
  final MemoryData data = new MemoryData();
  final MemoryUsage usage = new MemoryUsage();

  /** A context whose settings point the plugin at {@code stripe} with its key. */
  static TestContext of(FakeStripe stripe) {
    return new TestContext()
        .with("apiKey", stripe.apiKey())
        .with("apiBase", stripe.apiBase())
        .with("timeoutSeconds", 5);
  }

  /** Sets a setting; a null value removes it (the platform then fills in the default). */
  TestContext with(String key, Object value) {
    if (value == null) {
      settings.remove(key);
    } else {
      settings.put(key, value);
    }
    return this;
  }

  @Override
  public TenantContext tenant() {
    return tenant;
  }

  @Override
  public String pluginId() {
    return StripeSettings.PLUGIN_ID;
  }

  @Override
  public String pluginVersion() {
    return "0.1.0.SNAPSHOT";
  }

  @Override
  public Map<String, Object> settings() {
    return Map.copyOf(settings);
  }

  @Override
  public PluginData data() {
    return data;
  }

  @Override
  public PluginUsage usage() {
    return usage;
  }

  /** A sorted in-memory key-value store with the platform's limits. */
  static final class MemoryData implements PluginData {
    final TreeMap<String, String> entries = new TreeMap<>();

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, String value) {
      if (key.isEmpty() || key.length() > 200) {
        throw new IllegalArgumentException("key length " + key.length());
      }
      if (value.length() > 64 * 1024) {
        throw new IllegalArgumentException("value too long");
      }
      entries.put(key, value);
    }

    @Override
    public boolean delete(String key) {
      return entries.remove(key) != null;
    }

    @Override
    public Map<String, String> list(String prefix, int limit) {
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : entries.tailMap(prefix).entrySet()) {
        if (!e.getKey().startsWith(prefix) || out.size() == Math.min(limit, 1000)) {
          break;
        }
        out.put(e.getKey(), e.getValue());
      }
      return out;
    }
  }

  /** Remembers every usage record. */
  static final class MemoryUsage implements PluginUsage {
    final List<String> records = new ArrayList<>();

    @Override
    public void record(long quantity, String idempotencyKey) {
      records.add(quantity + ":" + idempotencyKey);
    }
  }
}
