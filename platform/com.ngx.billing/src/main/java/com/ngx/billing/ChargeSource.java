package com.ngx.billing;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that charges tenants through their invoices (the marketplace's add-ons). A billing run
 * asks each source for the charges of the closed period and invoices those not invoiced before.
 */
@ConsumerType
public interface ChargeSource {
  /** The source's id, e.g. {@code marketplace}: 1–40 of [a-z0-9-]. */
  String source();

  /** Posts what is due for {@code period} (e.g. monthly fees); idempotent. Called once per run. */
  default void close(YearMonth period) {}

  /** The tenant's charges of {@code period} and before that may still be uninvoiced. */
  List<Charge> charges(UUID tenantId, YearMonth period);
}
