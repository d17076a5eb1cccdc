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

/** An agent of a tenant, with its draft definition. */
@Entity
@Table(name = "agent")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA)
public class AgentEntity {
  @Id public String id;
  public String name;
  public String language;
  @Column(name = "template_plugin") public String templatePlugin;
  @Column(name = "template_id") public String templateId;
  public String draft;
  @Column(name = "draft_revision") public int draftRevision;
  @Column(name = "published_version") public Integer publishedVersion;
  @Column(name = "kb_revision") public int kbRevision;
  @Column(name = "created_at") public LocalDateTime createdAt;
  @Column(name = "updated_at") public LocalDateTime updatedAt;
  @Version @Column(name = "lock_version") public long lockVersion;
}
