package com.ngx.tenant.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** One of a tenant's settings, in the tenant's own schema. */
@Entity
@Table(name = "setting")
@NamedQuery(name = SettingEntity.ALL, query = "select s from SettingEntity s")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class SettingEntity {
  static final String ALL = "Setting.all";

  @Id
  @Column(length = 100)
  String name;

  @Column(name = "setting_value")
  String value;

  @Column(name = "updated_at")
  LocalDateTime updatedAt;
}
