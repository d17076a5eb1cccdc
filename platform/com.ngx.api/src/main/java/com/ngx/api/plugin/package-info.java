/** What every plugin is given by the platform: its tenant context, settings, data area and usage meter, and the manifest headers that declare a plugin. */
@Export
@Version("1.0.0")
package com.ngx.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
