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

/**
 * One billable usage record, and the outbox entry that hands it to billing: its id makes it count
 * exactly once; {@code deliveredAt} is set once billing has recorded it.
 */
@Entity
@Table(name = "usage_record")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class UsageEntity {
  @Id public String id;
  public String kind;
  @Column(name = "agent_id") public String agentId;
  @Column(name = "conversation_id") public String conversationId;
  public String period;
  public long quantity;
  @Column(name = "created_at") public LocalDateTime createdAt;
  @Column(name = "delivered_at") public LocalDateTime deliveredAt;
}
