package com.ngx.agent.internal.store;

import java.io.Serializable;
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

/** The variant a conversation got in an experiment. */
@Entity
@Table(name = "conversation_assignment")
@IdClass(AssignmentEntity.Key.class)
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class AssignmentEntity {
  @Id @Column(name = "conversation_id") public String conversationId;
  @Id public String experiment;
  @Column(name = "agent_id") public String agentId;
  public String variant;

  /** The composite key. */
  public static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String conversationId;
    public String experiment;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(conversationId, k.conversationId) && Objects.equals(experiment, k.experiment);
    }

    @Override
    public int hashCode() {
      return Objects.hash(conversationId, experiment);
    }
  }
}
