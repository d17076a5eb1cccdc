package com.ngx.api.lead;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives qualified leads: a CRM (HubSpot, Salesforce), a webhook, a mailing list.
 *
 * <p>Register it as an OSGi service from a plugin bundle. The platform calls it for every lead
 * qualified by an agent of a tenant that has the plugin installed and enabled, with that tenant's
 * context, within the platform's call timeout.
 */
@ConsumerType
public interface LeadSink {
  /**
   * Delivers one lead. Throwing, or returning a result that is not delivered, counts as a failure
   * of the plugin for this tenant; the platform retries later.
   */
  DeliveryResult deliver(PluginContext context, Lead lead);
}
