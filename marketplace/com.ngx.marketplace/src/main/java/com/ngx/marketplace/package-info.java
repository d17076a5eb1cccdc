/** The marketplace's service for platform parts that call plugins (agent engine, billing). */
@Export
@Version("1.0.0")
package com.ngx.marketplace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
