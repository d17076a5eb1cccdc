/** Extension point: conversation skills, custom modules an agent's flow can call (booking, pricing, product lookup). */
@Export
@Version("1.0.0")
package com.ngx.api.skill;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
