/**
 * What billing offers the other platform bundles: usage metering (exactly once), entitlements
 * (plan limits and quotas, checked where the work happens), the billing clock, the add-on charges
 * billing pulls into invoices, and the settlements (payments, refunds, chargebacks) that decide
 * what the marketplace pays out.
 */
@Export
@Version("1.0.0")
package com.ngx.billing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
