/** Extension point: vertical templates, industry content from which agents are created. */
@Export
@Version("1.0.0")
package com.ngx.api.vertical;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
