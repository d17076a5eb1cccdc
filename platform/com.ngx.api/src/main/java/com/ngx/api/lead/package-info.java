/** Extension point: CRM and lead sinks, which receive qualified leads. */
@Export
@Version("1.0.0")
package com.ngx.api.lead;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
