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

/** A conversion: call to action taken, call booked, purchase (with its value). */
@Entity
@Table(name = "conversion_event")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class ConversionEntity {
  @Id public String id;
  @Column(name = "conversation_id") public String conversationId;
  @Column(name = "agent_id") public String agentId;
  public String type;
  @Column(name = "value_minor") public long valueMinor;
  public String currency;
  public String reference;
  @Column(name = "created_at") public LocalDateTime createdAt;
}
