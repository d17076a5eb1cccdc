package com.ngx.agent.internal.store;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A chat widget key (shared table: it is how an anonymous page finds its tenant). */
@Entity
@Table(name = "agent_widget")
public class WidgetEntity {
  @Id @Column(name = "widget_key") public String key;
  @Column(name = "tenant_id") public String tenantId;
  @Column(name = "agent_id") public String agentId;
  @Column(name = "allowed_origins") public String allowedOrigins;
  public String brand;
  @Column(name = "created_at") public LocalDateTime createdAt;
  @Column(name = "revoked_at") public LocalDateTime revokedAt;
}
