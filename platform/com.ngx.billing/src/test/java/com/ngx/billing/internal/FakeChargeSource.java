package com.ngx.billing.internal;

import com.ngx.billing.Charge;
import com.ngx.billing.ChargeSource;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The marketplace as billing sees it: a {@link ChargeSource} ({@code marketplace}) that returns, for
 * a tenant and month, every charge a test added for that month or before. Like the real one it
 * keeps answering with charges already invoiced; billing must not invoice them twice.
 */
public final class FakeChargeSource implements ChargeSource {
  public static final String SOURCE = "marketplace";

  private record Entry(YearMonth month, Charge charge) {}

  private final Map<UUID, List<Entry>> charges = new ConcurrentHashMap<>();
  private final List<YearMonth> closed = new CopyOnWriteArrayList<>();

  /** Adds a charge of {@code month} for the tenant. */
  public Charge add(UUID tenant, YearMonth month, String ref, String description, long quantity, long unitMinor) {
    Charge c = new Charge(ref, description, quantity, unitMinor, Math.multiplyExact(quantity, unitMinor), "USD");
    charges.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(new Entry(month, c));
    return c;
  }

  /** The months billing runs closed, in order. */
  public List<YearMonth> closed() {
    return List.copyOf(closed);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public void close(YearMonth period) {
    closed.add(period);
  }

  @Override
  public List<Charge> charges(UUID tenantId, YearMonth period) {
    List<Charge> out = new ArrayList<>();
    for (Entry e : charges.getOrDefault(tenantId, List.of())) {
      if (!e.month().isAfter(period)) {
        out.add(e.charge());
      }
    }
    return out;
  }
}
