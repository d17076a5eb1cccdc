package com.ngx.agent.internal.store;

import java.time.LocalDateTime;
import javax.persistence.Version;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** A conversation with a prospect; its engine state travels as JSON. */
@Entity
@Table(name = "conversation")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class ConversationEntity {
  @Id public String id;
  @Column(name = "agent_id") public String agentId;
  @Column(name = "agent_version") public int agentVersion;
  public String language;
  public String channel;
  public String status;
  public String state;
  @Column(name = "lead_score") public int leadScore;
  /** 1 when the lead was qualified (integers: portable comparisons in JPQL on H2 and PostgreSQL). */
  public int qualified;
  /** 1 when the conversation converted. */
  public int converted;
  @Column(name = "value_minor") public long valueMinor;
  public String currency;
  @Column(name = "prospect_messages") public int prospectMessages;
  @Column(name = "token_hash") public String tokenHash;
  @Column(name = "started_at") public LocalDateTime startedAt;
  @Column(name = "updated_at") public LocalDateTime updatedAt;
  @Version @Column(name = "lock_version") public long lockVersion;
}
