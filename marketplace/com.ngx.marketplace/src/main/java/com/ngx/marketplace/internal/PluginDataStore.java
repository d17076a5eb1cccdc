package com.ngx.marketplace.internal;

import com.ngx.api.plugin.PluginData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A plugin's {@link PluginData} for one tenant: rows of {@code plugin_data} in the tenant's schema. */
final class PluginDataStore implements PluginData {
  static final int KEY_MAX = 200;
  static final int VALUE_MAX = 65_536;

  private final Store store;
  private final String schema;
  private final String pluginId;

  PluginDataStore(Store store, String schema, String pluginId) {
    this.store = store;
    this.schema = schema;
    this.pluginId = pluginId;
  }

  @Override
  public Optional<String> get(String key) {
    checkKey(key);
    return store.tenant(
        schema,
        em -> Optional.ofNullable(em.find(PluginDataEntity.class, new PluginDataEntity.Key(pluginId, key)))
            .map(d -> d.value));
  }

  @Override
  public void put(String key, String value) {
    checkKey(key);
    if (value == null || value.length() > VALUE_MAX) {
      throw new IllegalArgumentException("A value must be non-null and at most " + VALUE_MAX + " characters");
    }
    store.tenant(
        schema,
        em -> {
          PluginDataEntity d = em.find(PluginDataEntity.class, new PluginDataEntity.Key(pluginId, key));
          if (d == null) {
            d = new PluginDataEntity();
            d.pluginId = pluginId;
            d.key = key;
            d.value = value;
            d.updatedAt = store.utcNow();
            em.persist(d);
          } else {
            d.value = value;
            d.updatedAt = store.utcNow();
          }
          return null;
        });
  }

  @Override
  public boolean delete(String key) {
    checkKey(key);
    return store.tenant(
        schema,
        em -> {
          PluginDataEntity d = em.find(PluginDataEntity.class, new PluginDataEntity.Key(pluginId, key));
          if (d == null) {
            return false;
          }
          em.remove(d);
          return true;
        });
  }

  @Override
  public Map<String, String> list(String prefix, int limit) {
    String p = prefix == null ? "" : prefix;
    int max = Math.max(0, Math.min(limit, 1000));
    String like = p.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    return store.tenant(
        schema,
        em -> {
          Map<String, String> out = new LinkedHashMap<>();
          em.createNamedQuery("PluginData.byPrefix", PluginDataEntity.class)
              .setParameter("plugin", pluginId)
              .setParameter("prefix", like)
              .setMaxResults(max)
              .getResultList()
              .forEach(d -> out.put(d.key, d.value));
          return out;
        });
  }

  /** Everything the plugin keeps for this tenant (for export). */
  Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    store.tenant(
        schema,
        em -> {
          em.createNamedQuery("PluginData.byPrefix", PluginDataEntity.class)
              .setParameter("plugin", pluginId)
              .setParameter("prefix", "%")
              .getResultList()
              .forEach(d -> out.put(d.key, d.value));
          return null;
        });
    return out;
  }

  /** Erases everything the plugin keeps for this tenant; how many entries. */
  int purge() {
    return store.tenant(
        schema, em -> em.createNamedQuery("PluginData.purge").setParameter("plugin", pluginId).executeUpdate());
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > KEY_MAX) {
      throw new IllegalArgumentException("A key must be 1-" + KEY_MAX + " characters");
    }
  }
}
