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

/** A document of an agent's knowledge base. */
@Entity
@Table(name = "knowledge_document")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class KnowledgeDocumentEntity {
  @Id public String id;
  @Column(name = "agent_id") public String agentId;
  public String name;
  @Column(name = "media_type") public String mediaType;
  public String language;
  @Column(name = "size_bytes") public long sizeBytes;
  @Column(name = "text_chars") public int textChars;
  public String sha256;
  public int chunks;
  @Column(name = "created_at") public LocalDateTime createdAt;
  @Column(name = "updated_at") public LocalDateTime updatedAt;
}
