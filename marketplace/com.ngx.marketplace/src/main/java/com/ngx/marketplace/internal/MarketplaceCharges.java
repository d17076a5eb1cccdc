package com.ngx.marketplace.internal;

import com.ngx.billing.Charge;
import com.ngx.billing.ChargeSource;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The marketplace as a source of invoice lines: billing closes a month here (the add-ons' monthly
 * and one-off fees are posted to the ledger) and then takes each tenant's ledger lines, charges
 * and refunds, onto the tenant's invoice. The ledger entry id is the charge's ref, which the
 * settlements billing reports later carry back to the publishers' statements.
 */
@Component
public final class MarketplaceCharges implements ChargeSource {
  /** The source id billing files the marketplace's charges and settlements under. */
  public static final String SOURCE = "marketplace";

  /**
   * How many months back (the closed one included) lines are offered: billing skips what it
   * invoiced before, so this only bounds the work of a run; a line older than this was invoiced.
   */
  static final int MONTHS = 24;

  private final Installations installations;
  private final Ledger ledger;

  @Activate
  public MarketplaceCharges(@Reference Installations installations, @Reference Ledger ledger) {
    this.installations = installations;
    this.ledger = ledger;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public void close(YearMonth period) {
    installations.runCharges(period);
  }

  /**
   * The tenant's ledger lines of {@code period} and the 23 months before it, in the order they
   * were recorded: charges positive, refunds negative (quantity and unit price as charged).
   */
  @Override
  public List<Charge> charges(UUID tenantId, YearMonth period) {
    return ledger.forTenant(tenantId, period.minusMonths(MONTHS - 1), period).stream()
        .map(e -> new Charge(e.id().toString(), e.description(), e.quantity(), e.unitPriceMinor(), e.amountMinor(),
            e.currency()))
        .toList();
  }
}
