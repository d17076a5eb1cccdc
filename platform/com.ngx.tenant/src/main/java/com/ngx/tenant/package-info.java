/** Tenants and their API keys, for other platform bundles (billing, agents, marketplace). */
@Export
@Version("1.1.0")
package com.ngx.tenant;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
