package com.ngx.billing.internal;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bill_mail}. */
@Entity
@Table(name = "bill_mail")
public class MailEntity {
  @Id
  String id;
  @Column(name = "tenant_id") String tenantId;
  String recipient;
  String subject;
  @Column(name = "text_body") String textBody;
  @Column(name = "html_body") String htmlBody;
  String status;
  int attempts;
  @Column(name = "last_error") String lastError;
  @Column(name = "created_at") LocalDateTime createdAt;
  @Column(name = "sent_at") LocalDateTime sentAt;
}
