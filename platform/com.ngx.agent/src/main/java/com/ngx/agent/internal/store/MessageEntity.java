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

/** One message of a transcript: the prospect's or the agent's (with its trace). */
@Entity
@Table(name = "conversation_message")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class MessageEntity {
  @Id public String id;
  @Column(name = "conversation_id") public String conversationId;
  public int seq;
  public String role;
  public String content;
  public String node;
  public String trace;
  @Column(name = "created_at") public LocalDateTime createdAt;
}
