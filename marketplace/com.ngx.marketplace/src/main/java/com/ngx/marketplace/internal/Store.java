package com.ngx.marketplace.internal;

import com.ngx.billing.BillingClock;
import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The marketplace's tables: transactions on the shared schema and on tenant schemas, and the
 * clock. The clock is billing's ({@link BillingClock}): ledger lines, trials and usage are dated by
 * the same time as the invoices they end up on, so an operator's test clock moves them together.
 */
@Component(service = Store.class)
public final class Store {
  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final Clock clock;

  @Activate
  public Store(
      @Reference(target = "(osgi.unit.name=ngx-marketplace)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=marketplace)") SchemaReady ready,
      @Reference Transactions tx,
      @Reference(target = BillingClock.TARGET) Clock clock) {
    this.unit = unit;
    this.tx = tx;
    this.clock = clock;
  }

  public <T> T shared(Function<EntityManager, T> work) {
    return tx.shared(unit, work);
  }

  public <T> T tenant(String schema, Function<EntityManager, T> work) {
    return tx.tenant(unit, schema, work);
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDateTime utcNow() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
