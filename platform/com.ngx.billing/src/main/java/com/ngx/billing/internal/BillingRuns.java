package com.ngx.billing.internal;

import com.ngx.billing.ChargeSource;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A billing run brings every subscription up to the billing clock: charge sources close the months
 * that ended, trials end, months renew (invoices open and are collected), dunning retries what is
 * due, and queued mail goes out. Runs are idempotent — every step is keyed by what it bills — so
 * running again, or after a crash, bills nothing twice. Scheduled every {@code runIntervalSeconds};
 * on demand through {@code POST /operator/billing-runs} and {@code ngx:billing-run}. One run at a
 * time per node; the steps' keys keep runs on several nodes from billing twice.
 */
@Component(service = BillingRuns.class, configurationPid = "com.ngx.billing")
public final class BillingRuns {
  private static final Logger LOG = LoggerFactory.getLogger(BillingRuns.class);

  /** What a run did. */
  public record Run(UUID id, java.time.Instant clock, java.time.Instant startedAt, java.time.Instant finishedAt,
      String status, int tenants, int invoices, int payments, int failures, String message) {}

  private final BillingStore store;
  private final Subscriptions subscriptions;
  private final Payments payments;
  private final Notifier notifier;
  private final ReentrantLock running = new ReentrantLock();
  private final ScheduledExecutorService timer;

  @Activate
  public BillingRuns(
      @Reference BillingStore store,
      @Reference Subscriptions subscriptions,
      @Reference Payments payments,
      @Reference Notifier notifier,
      BillingConfiguration config) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.payments = payments;
    this.notifier = notifier;
    subscriptions.collectWith(payments::collect);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ngx-billing-runs");
      t.setDaemon(true);
      return t;
    });
    if (config.runIntervalSeconds() > 0) {
      timer.scheduleWithFixedDelay(this::scheduled, config.runIntervalSeconds(), config.runIntervalSeconds(),
          TimeUnit.SECONDS);
    }
  }

  @Deactivate
  void deactivate() {
    timer.shutdownNow();
  }

  private void scheduled() {
    try {
      run(2);
    } catch (RuntimeException e) {
      LOG.error("The scheduled billing run failed", e);
    }
  }

  /** Runs billing now with {@code threads} workers (1–8); waits for a run already going. */
  public Run run(int threads) {
    running.lock();
    try {
      return doRun(Math.max(1, Math.min(8, threads)));
    } finally {
      running.unlock();
    }
  }

  private Run doRun(int threads) {
    LocalDateTime started = LocalDateTime.now(java.time.ZoneOffset.UTC);
    LocalDateTime clockAt = store.utcNow();
    UUID id = UUID.randomUUID();
    store.tx(em -> {
      RunEntity r = new RunEntity();
      r.id = id.toString();
      r.startedAt = started;
      r.clockAt = clockAt;
      r.status = "running";
      em.persist(r);
      return null;
    });
    // the months that ended: charge sources post what is due for them (idempotent)
    YearMonth closed = YearMonth.from(clockAt).minusMonths(1);
    for (ChargeSource s : subscriptions.sources()) {
      try {
        s.close(closed);
      } catch (RuntimeException e) {
        LOG.warn("Charge source {} could not close {}", s.source(), closed, e);
      }
    }
    List<String> due = store.tx(em -> em.createQuery(
            "select s.tenantId from SubscriptionEntity s where s.status <> 'cancelled' and"
                + " ((s.status = 'trialing' and s.trialEnd <= :now) or s.periodEnd <= :today) order by s.tenantId",
            String.class)
        .setParameter("now", clockAt).setParameter("today", clockAt.toLocalDate()).getResultList());
    int[] counts = new int[3];
    java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<int[]>> futures = new java.util.ArrayList<>();
      int chunk = Math.max(1, (due.size() + threads - 1) / threads);
      for (int from = 0; from < due.size(); from += chunk) {
        List<String> part = due.subList(from, Math.min(due.size(), from + chunk));
        futures.add(pool.submit(() -> {
          int[] c = new int[3];
          for (String tenant : part) {
            try {
              List<String> opened = subscriptions.advance(UUID.fromString(tenant));
              c[1] += opened.size();
              for (String invoice : opened) {
                if (payments.collect(UUID.fromString(invoice)) != null) {
                  c[2]++;
                }
              }
            } catch (RuntimeException e) {
              c[0]++;
              LOG.warn("Billing tenant {} failed; the next run tries again", tenant, e);
            }
          }
          return c;
        }));
      }
      for (java.util.concurrent.Future<int[]> f : futures) {
        int[] c = f.get();
        counts[0] += c[0];
        counts[1] += c[1];
        counts[2] += c[2];
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
    int retried = payments.retryDue();
    int mails = notifier.flush(clockAt);
    LocalDateTime finished = LocalDateTime.now(java.time.ZoneOffset.UTC);
    String message = due.size() + " subscriptions due, " + counts[1] + " invoices opened, " + (counts[2] + retried)
        + " collection attempts (" + retried + " dunning retries), " + mails + " mails sent";
    String status = counts[0] == 0 ? "succeeded" : "partial";
    store.tx(em -> {
      RunEntity r = em.find(RunEntity.class, id.toString());
      r.finishedAt = finished;
      r.status = status;
      r.tenants = due.size();
      r.invoices = counts[1];
      r.payments = counts[2] + retried;
      r.failures = counts[0];
      r.message = message;
      return null;
    });
    LOG.info("Billing run at {}: {}", clockAt, message);
    return new Run(id, BillingStore.instant(clockAt), BillingStore.instant(started), BillingStore.instant(finished),
        status, due.size(), counts[1], counts[2] + retried, counts[0], message);
  }

  /** Recent runs, newest first. */
  public List<Run> recent(int limit) {
    return store.tx(em -> em.createQuery("select r from RunEntity r order by r.startedAt desc", RunEntity.class)
        .setMaxResults(limit).getResultList().stream()
        .map(r -> new Run(UUID.fromString(r.id), BillingStore.instant(r.clockAt), BillingStore.instant(r.startedAt),
            BillingStore.instant(r.finishedAt), r.status, r.tenants, r.invoices, r.payments, r.failures, r.message))
        .toList());
  }
}
