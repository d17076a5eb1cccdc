package com.ngx.agent.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;

/** A passage of a knowledge document with its embedding. */
@Entity
@Table(name = "knowledge_chunk")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class KnowledgeChunkEntity {
  @Id public String id;
  @Column(name = "document_id") public String documentId;
  @Column(name = "agent_id") public String agentId;
  public int ordinal;
  public String heading;
  public Integer page;
  public String content;
  public byte[] vector;
}
