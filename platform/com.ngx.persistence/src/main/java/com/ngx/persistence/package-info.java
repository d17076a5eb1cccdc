/**
 * Platform persistence services: schema migrations per module, tenant schemas and transactions.
 *
 * <p>For platform bundles only; plugins never touch the database directly.
 */
@Export
@Version("1.0.0")
package com.ngx.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
