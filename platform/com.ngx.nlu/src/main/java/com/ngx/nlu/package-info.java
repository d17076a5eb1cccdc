/** Offline natural-language understanding building blocks: the sentence-embedding model. */
@Export
@Version("1.0.0")
package com.ngx.nlu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
