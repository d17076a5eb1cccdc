package com.ngx.agent.internal.store;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** A qualified lead. */
@Entity
@Table(name = "lead_record")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class LeadEntity {
  @Id public String id;
  @Column(name = "conversation_id") public String conversationId;
  @Column(name = "agent_id") public String agentId;
  public int score;
  public String data;
  public String summary;
  @Column(name = "qualified_at") public LocalDateTime qualifiedAt;
  public String delivered;
}
