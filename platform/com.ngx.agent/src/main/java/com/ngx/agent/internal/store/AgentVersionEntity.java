package com.ngx.agent.internal.store;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;
import javax.persistence.IdClass;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** A published, immutable version of an agent. */
@Entity
@Table(name = "agent_version")
@IdClass(AgentVersionEntity.Key.class)
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class AgentVersionEntity {
  @Id @Column(name = "agent_id") public String agentId;
  @Id public int version;
  public String definition;
  public String note;
  @Column(name = "created_at") public LocalDateTime createdAt;

  /** The composite key. */
  public static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String agentId;
    public int version;

    public Key() {}

    public Key(String agentId, int version) {
      this.agentId = agentId;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(agentId, k.agentId) && version == k.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(agentId, version);
    }
  }
}
