package com.ngx.api.event;

/** The domain event types the platform publishes. */
public interface EventTypes {
  String CONVERSATION_STARTED = "conversation.started";
  String LEAD_QUALIFIED = "lead.qualified";
  String CONVERSION = "conversion";
  String HANDOFF = "handoff";
  String PLUGIN_INSTALLED = "plugin.installed";
  String PLUGIN_UPGRADED = "plugin.upgraded";
  String PLUGIN_UNINSTALLED = "plugin.uninstalled";

  /** A usage quota reached 80% or 100% of its plan limit (data: limit, used, percent, period). */
  String QUOTA_WARNING = "quota.warning";

  /** An invoice was issued to the tenant (data: invoiceId, number, total, currency). */
  String INVOICE_ISSUED = "invoice.issued";

  /** An invoice was paid (data: invoiceId, number, total, currency). */
  String INVOICE_PAID = "invoice.paid";

  /** The tenant's plan or subscription status changed (data: plan, status). */
  String SUBSCRIPTION_CHANGED = "subscription.changed";
}
