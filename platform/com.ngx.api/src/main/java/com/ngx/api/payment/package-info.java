/** Extension point: payment providers that charge a tenant's invoices. */
@Export
@Version("1.1.0")
package com.ngx.api.payment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
