package com.ngx.agent.internal.service;

import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.UsageEntity;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Metering;
import com.ngx.billing.UsageEvent;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the usage records of every tenant (the outbox {@code usage_record}) to billing's {@link
 * Metering}: right after the transaction that wrote them commits, and in a sweep — shortly after
 * activation, then every 30 seconds — of all rows still undelivered, oldest first, so a crash
 * between commit and delivery or billing being away loses nothing. A row is marked delivered only
 * after billing recorded it; billing skips ids it has seen, so handing one over again never counts
 * it twice. One thread does all of it, in order.
 */
@Component(service = UsageRelay.class)
public final class UsageRelay {
  static final int BATCH = 500;
  static final Duration FIRST_SWEEP = Duration.ofSeconds(5);
  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
  private static final int TENANT_PAGE = 100;
  private static final Logger LOG = LoggerFactory.getLogger(UsageRelay.class);

  private final AgentStore store;
  private final TenantService tenants;
  private final Metering metering;
  private final ScheduledExecutorService worker;

  @Activate
  public UsageRelay(@Reference AgentStore store, @Reference TenantService tenants, @Reference Metering metering) {
    this(store, tenants, metering, true);
  }

  /** With {@code sweeps} false nothing is swept on its own (tests call {@link #sweep()}). */
  UsageRelay(AgentStore store, TenantService tenants, Metering metering, boolean sweeps) {
    this.store = store;
    this.tenants = tenants;
    this.metering = metering;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ngx-agent-usage-relay");
      t.setDaemon(true);
      return t;
    });
    if (sweeps) {
      worker.scheduleWithFixedDelay(this::sweepQuietly, FIRST_SWEEP.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Deactivate
  void deactivate() {
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The usage relay did not stop within 5 s; undelivered usage is swept after the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hands the usage records {@code ids} of a tenant to billing, in the background; call it after
   * the transaction that wrote them has committed. What fails here is left to the sweep.
   */
  public void afterCommit(TenantContext tenant, String schema, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> these = List.copyOf(ids);
    try {
      worker.execute(() -> deliver(tenant, schema, these));
    } catch (RejectedExecutionException e) {
      LOG.debug("Usage relay stopped; {} usage records of {} wait for the next sweep", these.size(), tenant.slug());
    }
  }

  /** Hands over those of the records {@code ids} not delivered yet; how many, 0 when it failed. */
  int deliver(TenantContext tenant, String schema, List<String> ids) {
    try {
      List<UsageEntity> rows = store.tenant(schema, em -> em.createQuery(
              "select u from UsageEntity u where u.id in :ids and u.deliveredAt is null order by u.createdAt, u.id",
              UsageEntity.class)
          .setParameter("ids", ids).getResultList());
      return hand(tenant, schema, rows);
    } catch (RuntimeException e) {
      LOG.warn("Handing {} usage records of tenant {} to billing failed; the sweep retries: {}", ids.size(), tenant.slug(),
          e.toString());
      return 0;
    }
  }

  /** Hands over every tenant's undelivered records; how many. A tenant that fails is retried next time. */
  int sweep() {
    int total = 0;
    for (int offset = 0; ; offset += TENANT_PAGE) {
      List<Tenant> page = tenants.list(new TenantQuery(null, null, offset, TENANT_PAGE));
      for (Tenant t : page) {
        // a tenant being provisioned has no complete schema yet; a purged one has none
        if (t.status() == TenantStatus.PROVISIONING || t.status() == TenantStatus.PURGED) {
          continue;
        }
        try {
          total += sweep(t.context(), t.schema());
        } catch (RuntimeException e) {
          LOG.warn("Handing the usage of tenant {} to billing failed; it stays queued: {}", t.slug(), e.toString());
        }
      }
      if (page.size() < TENANT_PAGE) {
        return total;
      }
    }
  }

  /** Hands over one tenant's undelivered records, oldest first, in batches; how many. */
  int sweep(TenantContext tenant, String schema) {
    int total = 0;
    while (true) {
      List<UsageEntity> batch = store.tenant(schema, em -> em.createQuery(
              "select u from UsageEntity u where u.deliveredAt is null order by u.createdAt, u.id", UsageEntity.class)
          .setMaxResults(BATCH).getResultList());
      int handed = hand(tenant, schema, batch);
      total += handed;
      if (batch.size() < BATCH || handed == 0) {
        return total;
      }
    }
  }

  /** Waits until everything queued before this call has run (tests). */
  void flush() throws InterruptedException, ExecutionException, TimeoutException {
    worker.submit(() -> {}).get(30, TimeUnit.SECONDS);
  }

  /** Records the rows with billing, then marks them delivered; billing's failure propagates and leaves them as they are. */
  private int hand(TenantContext tenant, String schema, List<UsageEntity> rows) {
    List<UsageEvent> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (UsageEntity u : rows) {
      try {
        events.add(new UsageEvent(u.id, u.kind, u.quantity, u.createdAt.toInstant(ZoneOffset.UTC)));
        ids.add(u.id);
      } catch (RuntimeException e) {
        LOG.error("Usage record {} of tenant {} cannot be metered and stays undelivered: {}", u.id, tenant.slug(), e.toString());
      }
    }
    if (events.isEmpty()) {
      return 0;
    }
    int fresh = metering.record(tenant, events);
    store.tenant(schema, em -> em.createQuery(
            "update UsageEntity u set u.deliveredAt = :now where u.id in :ids and u.deliveredAt is null")
        .setParameter("now", store.utcNow()).setParameter("ids", ids).executeUpdate());
    LOG.debug("Handed {} usage records of tenant {} to billing ({} new)", ids.size(), tenant.slug(), fresh);
    return ids.size();
  }

  private void sweepQuietly() {
    try {
      // usually 0: rows are handed over right after their commit; more after a crash or an outage of billing
      int n = sweep();
      if (n > 0) {
        LOG.debug("The sweep handed {} undelivered usage records to billing", n);
      }
    } catch (RuntimeException e) {
      // a throwing task would end the schedule: log, and try again next time
      LOG.warn("The usage sweep failed: {}", e.toString());
    }
  }
}
