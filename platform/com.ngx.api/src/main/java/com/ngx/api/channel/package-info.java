/** Extension point: channels that carry an agent's messages to prospects (WhatsApp, SMS, email, voice). */
@Export
@Version("1.0.0")
package com.ngx.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
