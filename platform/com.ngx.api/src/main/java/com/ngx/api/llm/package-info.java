/** Extension point: language models an agent may use to phrase or complete answers (optional; the engine works without one). */
@Export
@Version("1.0.0")
package com.ngx.api.llm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
