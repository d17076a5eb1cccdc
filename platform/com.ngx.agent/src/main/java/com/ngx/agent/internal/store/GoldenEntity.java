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

/** A golden conversation: scripted prospect messages and what the agent must do with them. */
@Entity
@Table(name = "golden_conversation")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class GoldenEntity {
  @Id public String id;
  @Column(name = "agent_id") public String agentId;
  public String name;
  public String language;
  public String messages;
  public String expected;
  @Column(name = "created_at") public LocalDateTime createdAt;
}
