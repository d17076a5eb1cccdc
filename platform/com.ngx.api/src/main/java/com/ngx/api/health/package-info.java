/** Health checks that platform parts and plugins contribute to the readiness endpoint. */
@Export
@Version("1.0.0")
package com.ngx.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
