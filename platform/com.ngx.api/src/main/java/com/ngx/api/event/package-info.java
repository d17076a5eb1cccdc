/** Extension point: listeners of the platform's domain events. */
@Export
@Version("1.1.0")
package com.ngx.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
