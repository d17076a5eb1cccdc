package com.ngx.billing.internal;

import com.ngx.billing.Settlement;
import com.ngx.billing.Settlements;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Money that moved for sourced invoice lines, from {@code bill_settlement}. */
@Component(service = Settlements.class)
public final class SettlementsService implements Settlements {
  private final BillingStore store;

  @Activate
  public SettlementsService(@Reference BillingStore store) {
    this.store = store;
  }

  @Override
  public List<Settlement> settled(String source, YearMonth period) {
    return store.tx(em -> em.createQuery(
            "select s from SettlementEntity s where s.source = :s and s.period = :p order by s.at, s.id",
            SettlementEntity.class)
        .setParameter("s", source).setParameter("p", period.toString()).getResultList().stream()
        .map(s -> new Settlement(s.sourceRef, s.kind, BillingStore.instant(s.at), s.amountMinor, s.currency,
            UUID.fromString(s.tenantId), s.invoiceNumber))
        .toList());
  }
}
