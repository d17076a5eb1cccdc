package com.ngx.billing;

import java.time.YearMonth;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The money that moved for a source's charges: what publishers' payout statements are made of. */
@ProviderType
public interface Settlements {
  /** The settlements of {@code source}'s charges that happened in {@code period} (UTC), by time. */
  List<Settlement> settled(String source, YearMonth period);
}
