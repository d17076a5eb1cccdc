/** What other platform bundles may provide to the agent module. */
@Export
@Version("1.0.0")
package com.ngx.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
