/**
 * What platform bundles need to contribute resources to the REST API under {@code /api/v1}:
 * access annotations, principals, problem exceptions and pagination.
 *
 * <p>A resource is a DS component annotated with {@code @JaxrsResource} and {@code
 * @JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)}; the API servlet picks it up (and
 * drops it) while the system runs.
 */
@Export
@Version("1.3.0")
package com.ngx.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
