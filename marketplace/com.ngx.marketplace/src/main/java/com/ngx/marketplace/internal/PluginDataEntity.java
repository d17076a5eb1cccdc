package com.ngx.marketplace.internal;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** A row of a tenant schema's {@code plugin_data}: one key of one plugin's data for that tenant. */
@Entity
@Table(name = "plugin_data")
@IdClass(PluginDataEntity.Key.class)
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
@NamedQuery(
    name = "PluginData.byPrefix",
    query = "select d from PluginDataEntity d where d.pluginId = :plugin and d.key like :prefix escape '!'"
        + " order by d.key")
@NamedQuery(name = "PluginData.purge", query = "delete from PluginDataEntity d where d.pluginId = :plugin")
public class PluginDataEntity {
  @Id
  @Column(name = "plugin_id")
  String pluginId;

  @Id
  @Column(name = "data_key")
  String key;

  @Column(name = "data_value")
  String value;

  @Column(name = "updated_at")
  LocalDateTime updatedAt;

  /** The composite key. */
  public static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String pluginId;
    String key;

    public Key() {}

    Key(String pluginId, String key) {
      this.pluginId = pluginId;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(pluginId, k.pluginId) && Objects.equals(key, k.key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(pluginId, key);
    }
  }
}
