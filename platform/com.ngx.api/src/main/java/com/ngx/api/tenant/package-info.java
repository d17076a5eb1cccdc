/** Tenant identity as the platform hands it to plugins. */
@Export
@Version("1.0.0")
package com.ngx.api.tenant;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
