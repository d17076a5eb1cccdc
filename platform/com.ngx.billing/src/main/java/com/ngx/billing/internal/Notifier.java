package com.ngx.billing.internal;

import com.ngx.api.event.DomainEvent;
import com.ngx.billing.BillingEventListener;
import com.ngx.billing.internal.mail.Mail;
import com.ngx.billing.internal.mail.MailFailure;
import com.ngx.billing.internal.mail.Mailer;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What billing tells people and other bundles: notices (kept, once per key), emails (an outbox in
 * the same transaction as the change they report, sent after commit and retried by billing runs)
 * and domain events (to {@link BillingEventListener}s, after commit).
 */
@Component(service = Notifier.class)
public final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  static final int MAX_MAIL_ATTEMPTS = 8;

  private final BillingStore store;
  private final Mailer mailer;
  private final List<BillingEventListener> listeners = new CopyOnWriteArrayList<>();

  @Activate
  public Notifier(@Reference BillingStore store, @Reference Mailer mailer) {
    this.store = store;
    this.mailer = mailer;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addListener(BillingEventListener l) {
    listeners.add(l);
  }

  void removeListener(BillingEventListener l) {
    listeners.remove(l);
  }

  /** Records a notice unless one with the same key exists for the tenant; whether it is new. */
  public boolean notice(EntityManager em, UUID tenantId, String kind, String dedupKey, String message) {
    List<?> found = em.createNativeQuery("select id from bill_notice where tenant_id = ? and dedup_key = ?")
        .setParameter(1, tenantId.toString()).setParameter(2, dedupKey).getResultList();
    if (!found.isEmpty()) {
      return false;
    }
    NoticeEntity n = new NoticeEntity();
    n.id = UUID.randomUUID().toString();
    n.tenantId = tenantId.toString();
    n.kind = kind;
    n.dedupKey = dedupKey;
    n.message = message.length() > 1000 ? message.substring(0, 1000) : message;
    n.createdAt = store.utcNow();
    em.persist(n);
    return true;
  }

  /** Queues the mail {@code build} makes for {@code to}; nothing when the account has no address. */
  public void mail(EntityManager em, UUID tenantId, String to, java.util.function.Supplier<Mail> build) {
    if (to == null || to.isBlank()) {
      return;
    }
    Mail mail;
    try {
      mail = build.get();
    } catch (IllegalArgumentException e) {
      LOG.warn("No billing mail to {} for tenant {}: {}", to, tenantId, e.getMessage());
      return;
    }
    mail(em, tenantId, mail);
  }

  /** Queues a mail in the current transaction; sent after commit. */
  public void mail(EntityManager em, UUID tenantId, Mail mail) {
    MailEntity m = new MailEntity();
    m.id = UUID.randomUUID().toString();
    m.tenantId = tenantId == null ? null : tenantId.toString();
    m.recipient = mail.to();
    m.subject = mail.subject().length() > 300 ? mail.subject().substring(0, 300) : mail.subject();
    m.textBody = mail.text();
    m.htmlBody = mail.html();
    m.status = "queued";
    m.attempts = 0;
    m.createdAt = store.utcNow();
    em.persist(m);
    String id = m.id;
    store.afterCommit(() -> sendOne(id));
  }

  /** Publishes an event to the listeners after the current transaction commits. */
  public void event(String type, UUID tenantId, Map<String, String> data) {
    Map<String, String> all = new HashMap<>(data);
    all.put("tenantId", tenantId.toString());
    DomainEvent e = new DomainEvent(UUID.randomUUID().toString(), type, store.now(), all);
    store.afterCommit(() -> {
      for (BillingEventListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          LOG.warn("A billing event listener failed on {}", type, ex);
        }
      }
    });
  }

  /**
   * Sends the queued mails (oldest first), except those queued since {@code since} that were tried
   * already (right after their commit): each mail is tried once per run. Returns how many were sent.
   */
  public int flush(LocalDateTime since) {
    List<String> ids = store.tx(em -> em.createQuery(
            "select m.id from MailEntity m where m.status = 'queued'"
                + " and not (m.attempts > 0 and m.createdAt >= :since) order by m.createdAt", String.class)
        .setParameter("since", since).setMaxResults(500).getResultList());
    int sent = 0;
    for (String id : ids) {
      if (sendOne(id)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean sendOne(String id) {
    if (!mailer.enabled()) {
      return false;
    }
    MailEntity m = store.tx(em -> em.find(MailEntity.class, id));
    if (m == null || !"queued".equals(m.status)) {
      return false;
    }
    String error = null;
    try {
      mailer.send(new Mail(m.recipient, m.subject, m.textBody, m.htmlBody));
    } catch (MailFailure | IllegalArgumentException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("Billing mail {} to {} not sent: {}", id, m.recipient, error);
    }
    String failure = error;
    LocalDateTime now = store.utcNow();
    store.tx(em -> {
      MailEntity row = em.find(MailEntity.class, id);
      if (row != null && "queued".equals(row.status)) {
        row.attempts++;
        if (failure == null) {
          row.status = "sent";
          row.sentAt = now;
        } else {
          row.lastError = failure.length() > 500 ? failure.substring(0, 500) : failure;
          if (row.attempts >= MAX_MAIL_ATTEMPTS) {
            row.status = "failed";
          }
        }
      }
      return null;
    });
    return failure == null;
  }
}
