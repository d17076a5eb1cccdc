/** Extension point: a plugin's own REST endpoints and webhooks, served under /api/v1/plugins/{pluginId}/. */
@Export
@Version("1.0.0")
package com.ngx.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
