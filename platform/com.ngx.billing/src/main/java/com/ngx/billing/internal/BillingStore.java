package com.ngx.billing.internal;

import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Billing's tables (all in the shared schema) and billing time. */
@Component(service = BillingStore.class)
public final class BillingStore {
  private static final Logger LOG = LoggerFactory.getLogger(BillingStore.class);
  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final Clock clock;

  @Activate
  public BillingStore(
      @Reference(target = "(osgi.unit.name=ngx-billing)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=billing)") SchemaReady ready,
      @Reference Transactions tx,
      @Reference TestableClock clock) {
    this(unit, tx, clock);
  }

  BillingStore(EntityManagerFactory unit, Transactions tx, Clock clock) {
    this.unit = unit;
    this.tx = tx;
    this.clock = clock;
  }

  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

  /**
   * Runs {@code work} in one transaction on the shared schema; what it registered with {@link
   * #afterCommit} runs once the transaction committed (and never when it rolled back).
   */
  public <T> T tx(Function<EntityManager, T> work) {
    List<Runnable> outer = afterCommit.get();
    List<Runnable> mine = new ArrayList<>();
    afterCommit.set(mine);
    T result;
    try {
      result = tx.shared(unit, work);
    } finally {
      afterCommit.set(outer);
    }
    if (outer != null) {
      outer.addAll(mine);
    } else {
      for (Runnable r : mine) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.warn("An after-commit action failed", e);
        }
      }
    }
    return result;
  }

  /** Runs {@code action} after the current transaction commits (at once outside one). */
  public void afterCommit(Runnable action) {
    List<Runnable> list = afterCommit.get();
    if (list == null) {
      action.run();
    } else {
      list.add(action);
    }
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDateTime utcNow() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  public static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  public static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static String period(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
  }
}
