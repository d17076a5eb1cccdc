package com.ngx.billing.internal;

import com.ngx.billing.BillingClock;
import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The billing clock: UTC system time, plus an offset that only a test clock may move (system
 * property or framework property {@code ngx.billing.testClock=true}). The offset is kept in {@code
 * bill_clock}, so it survives a restart. Registered as {@link Clock} with {@code ngx.clock=billing}
 * for the bundles whose records end up on invoices.
 */
@Component(
    service = {TestableClock.class, Clock.class},
    property = BillingClock.PROPERTY + "=" + BillingClock.VALUE)
public final class TestableClock extends Clock {
  /** The property that enables the test clock. */
  public static final String TEST_CLOCK = "ngx.billing.testClock";

  private final Clock system;
  private final boolean testMode;
  private final Persist persist;
  private volatile long offsetMillis;

  /** Where the offset is kept. */
  interface Persist {
    long load();

    void save(long offsetMillis);
  }

  @Activate
  public TestableClock(
      BundleContext context,
      @Reference(target = "(osgi.unit.name=ngx-billing)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=billing)") SchemaReady ready,
      @Reference Transactions tx) {
    this(Clock.systemUTC(), "true".equalsIgnoreCase(context.getProperty(TEST_CLOCK)), new Persist() {
      @Override
      public long load() {
        return tx.shared(unit, em -> {
          List<?> rows = em.createNativeQuery("select offset_millis from bill_clock where id = 1").getResultList();
          return rows.isEmpty() ? 0L : ((Number) rows.get(0)).longValue();
        });
      }

      @Override
      public void save(long offset) {
        tx.shared(unit, em -> {
          LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
          int n = em.createNativeQuery("update bill_clock set offset_millis = ?, updated_at = ? where id = 1")
              .setParameter(1, offset).setParameter(2, now).executeUpdate();
          if (n == 0) {
            em.createNativeQuery("insert into bill_clock (id, offset_millis, updated_at) values (1, ?, ?)")
                .setParameter(1, offset).setParameter(2, now).executeUpdate();
          }
          return null;
        });
      }
    });
  }

  TestableClock(Clock system, boolean testMode, Persist persist) {
    this.system = system;
    this.testMode = testMode;
    this.persist = persist;
    this.offsetMillis = testMode ? persist.load() : 0L;
  }

  /** A clock for unit tests: starts at {@code start}, always in test mode, kept in memory. */
  public static TestableClock startingAt(Instant start) {
    long[] kept = {0};
    Clock fixedBase = Clock.fixed(start, ZoneOffset.UTC);
    return new TestableClock(fixedBase, true, new Persist() {
      @Override
      public long load() {
        return kept[0];
      }

      @Override
      public void save(long offset) {
        kept[0] = offset;
      }
    });
  }

  public boolean testMode() {
    return testMode;
  }

  /** Moves billing time forward; only in test mode. */
  public synchronized Instant advance(Duration by) {
    if (!testMode) {
      throw new IllegalStateException("The test clock is off: start with -D" + TEST_CLOCK + "=true");
    }
    if (by.isNegative()) {
      throw new IllegalArgumentException("The clock only moves forward");
    }
    long next = Math.addExact(offsetMillis, by.toMillis());
    persist.save(next);
    offsetMillis = next;
    return instant();
  }

  public Duration offset() {
    return Duration.ofMillis(offsetMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.fixed(instant(), ZoneOffset.UTC), Duration.ZERO).withZone(zone);
  }

  @Override
  public Instant instant() {
    return system.instant().plusMillis(offsetMillis);
  }

  @Override
  public long millis() {
    return system.millis() + offsetMillis;
  }
}
