package com.ngx.integration.webhook.internal;

import com.ngx.api.lead.Lead;
import java.util.Map;
import java.util.TreeMap;

/** The JSON document a lead is delivered as; the receiver-facing format is in the README. */
final class LeadJson {
  private LeadJson() {}

  /** {@code lead} of the tenant {@code tenantSlug}; {@code test} marks synthetic test leads. */
  static String of(Lead lead, String tenantSlug, boolean test) {
    StringBuilder out = new StringBuilder(512).append('{');
    field(out, "id", Json.string(lead.id())).append(',');
    field(out, "tenant", Json.string(tenantSlug)).append(',');
    field(out, "agentId", Json.string(lead.agentId())).append(',');
    field(out, "conversationId", Json.string(lead.conversationId())).append(',');
    field(out, "name", Json.string(lead.name())).append(',');
    field(out, "email", Json.string(lead.email())).append(',');
    field(out, "phone", Json.string(lead.phone())).append(',');
    field(out, "company", Json.string(lead.company())).append(',');
    field(out, "score", Integer.toString(lead.score())).append(',');
    StringBuilder fields = new StringBuilder().append('{');
    // sorted, so that the same lead always gives the same bytes
    for (Map.Entry<String, String> e : new TreeMap<>(lead.fields()).entrySet()) {
      if (fields.length() > 1) {
        fields.append(',');
      }
      fields.append(Json.string(e.getKey())).append(':').append(Json.string(e.getValue()));
    }
    field(out, "fields", fields.append('}').toString()).append(',');
    field(out, "summary", Json.string(lead.summary())).append(',');
    String qualifiedAt = lead.qualifiedAt() == null ? null : lead.qualifiedAt().toString();
    field(out, "qualifiedAt", Json.string(qualifiedAt)).append(',');
    field(out, "test", Boolean.toString(test));
    return out.append('}').toString();
  }

  private static StringBuilder field(StringBuilder out, String name, String json) {
    return out.append('"').append(name).append("\":").append(json);
  }
}
