package com.ngx.tenant.internal;

import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A tenant's key/value settings, in the tenant's own schema. */
@Component(service = SettingsStore.class)
public final class SettingsStore {

  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public SettingsStore(
      @Reference(target = "(osgi.unit.name=ngx-tenant)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=tenant)") SchemaReady ready,
      @Reference Transactions tx) {
    this.unit = unit;
    this.tx = tx;
  }

  /** Every stored setting of the tenant whose schema is given. */
  public Map<String, String> read(String schema) {
    return tx.tenant(
        unit,
        schema,
        em -> {
          Map<String, String> values = new TreeMap<>();
          em.createNamedQuery(SettingEntity.ALL, SettingEntity.class)
              .getResultList()
              .forEach(s -> values.put(s.name, s.value));
          return values;
        });
  }

  /** Replaces the given settings (a null value removes one) in one transaction. */
  public Map<String, String> write(String schema, Map<String, String> changes) {
    return tx.tenant(
        unit,
        schema,
        em -> {
          LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
          changes.forEach(
              (name, value) -> {
                SettingEntity s = em.find(SettingEntity.class, name);
                if (value == null) {
                  if (s != null) {
                    em.remove(s);
                  }
                } else if (s == null) {
                  s = new SettingEntity();
                  s.name = name;
                  s.value = value;
                  s.updatedAt = now;
                  em.persist(s);
                } else {
                  s.value = value;
                  s.updatedAt = now;
                }
              });
          em.flush();
          Map<String, String> values = new TreeMap<>();
          em.createNamedQuery(SettingEntity.ALL, SettingEntity.class)
              .getResultList()
              .forEach(s -> values.put(s.name, s.value));
          return values;
        });
  }
}
