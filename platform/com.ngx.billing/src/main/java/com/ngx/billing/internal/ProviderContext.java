package com.ngx.billing.internal;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.plugin.PluginData;
import com.ngx.api.plugin.PluginUsage;
import com.ngx.api.tenant.TenantContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The context billing gives a payment provider: the paying tenant (or the platform, for webhooks),
 * the operator's settings for the provider (PID {@code com.ngx.billing.provider.<id>}) and a data
 * area in {@code bill_provider_data}.
 */
final class ProviderContext implements PluginContext {
  /** The tenant a provider sees when the platform itself calls (webhooks). */
  static final TenantContext PLATFORM = new TenantContext(new UUID(0, 0), "platform");

  private final TenantContext tenant;
  private final String providerId;
  private final Map<String, Object> settings;
  private final BillingStore store;

  ProviderContext(TenantContext tenant, String providerId, Map<String, Object> settings, BillingStore store) {
    this.tenant = tenant;
    this.providerId = providerId;
    this.settings = Map.copyOf(settings);
    this.store = store;
  }

  @Override
  public TenantContext tenant() {
    return tenant;
  }

  @Override
  public String pluginId() {
    return providerId;
  }

  @Override
  public String pluginVersion() {
    return "";
  }

  @Override
  public Map<String, Object> settings() {
    return settings;
  }

  @Override
  public PluginData data() {
    String t = tenant.id().toString();
    return new PluginData() {
      @Override
      public Optional<String> get(String key) {
        return store.tx(em -> em.createNativeQuery(
                "select data_value from bill_provider_data where provider = ? and tenant_id = ? and data_key = ?")
            .setParameter(1, providerId).setParameter(2, t).setParameter(3, key).getResultList()
            .stream().findFirst().map(Object::toString));
      }

      @Override
      public void put(String key, String value) {
        store.tx(em -> {
          int n = em.createNativeQuery(
                  "update bill_provider_data set data_value = ? where provider = ? and tenant_id = ? and data_key = ?")
              .setParameter(1, value).setParameter(2, providerId).setParameter(3, t).setParameter(4, key).executeUpdate();
          if (n == 0) {
            em.createNativeQuery(
                    "insert into bill_provider_data (provider, tenant_id, data_key, data_value) values (?, ?, ?, ?)")
                .setParameter(1, providerId).setParameter(2, t).setParameter(3, key).setParameter(4, value).executeUpdate();
          }
          return null;
        });
      }

      @Override
      public boolean delete(String key) {
        return store.tx(em -> em.createNativeQuery(
                "delete from bill_provider_data where provider = ? and tenant_id = ? and data_key = ?")
            .setParameter(1, providerId).setParameter(2, t).setParameter(3, key).executeUpdate() > 0);
      }

      @Override
      public Map<String, String> list(String prefix, int limit) {
        return store.tx(em -> {
          Map<String, String> out = new LinkedHashMap<>();
          List<?> rows = em.createNativeQuery(
                  "select data_key, data_value from bill_provider_data where provider = ? and tenant_id = ?"
                      + " and data_key like ? order by data_key")
              .setParameter(1, providerId).setParameter(2, t)
              .setParameter(3, prefix.replace("%", "\\%").replace("_", "\\_") + "%")
              .setMaxResults(Math.min(Math.max(limit, 1), 1000)).getResultList();
          for (Object r : rows) {
            Object[] row = (Object[]) r;
            out.put((String) row[0], (String) row[1]);
          }
          return out;
        });
      }
    };
  }

  @Override
  public PluginUsage usage() {
    return (quantity, key) -> {
      // payment providers are the platform's own: their work is not billed to tenants
    };
  }
}
