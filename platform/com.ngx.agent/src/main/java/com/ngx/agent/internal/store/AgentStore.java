package com.ngx.agent.internal.store;

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

/** The agent module's tables: transactions on the shared schema and on tenant schemas, and the clock. */
@Component(service = AgentStore.class)
public final class AgentStore {
  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final Clock clock;

  @Activate
  public AgentStore(
      @Reference(target = "(osgi.unit.name=ngx-agent)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=agent)") SchemaReady ready,
      @Reference Transactions tx) {
    this.unit = unit;
    this.tx = tx;
    this.clock = Clock.systemUTC();
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

  public static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
