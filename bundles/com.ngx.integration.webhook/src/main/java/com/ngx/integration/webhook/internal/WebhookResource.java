package com.ngx.integration.webhook.internal;

import com.ngx.api.lead.DeliveryResult;
import com.ngx.api.lead.Lead;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.web.WebRequest;
import com.ngx.api.web.WebResource;
import com.ngx.api.web.WebResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plugin's endpoints: the tenant's delivery log ({@code GET /deliveries}) and a test delivery
 * ({@code POST /test}).
 */
@Component(service = WebResource.class)
public final class WebhookResource implements WebResource {
  static final String DELIVERIES = "/deliveries";
  static final String TEST = "/test";
  static final int DEFAULT_LIMIT = 50;

  private final WebhookLeadSink sink;
  private final Clock clock;

  @Activate
  public WebhookResource(@Reference WebhookLeadSink sink) {
    this(sink, Clock.systemUTC());
  }

  WebhookResource(WebhookLeadSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public WebResponse handle(PluginContext context, WebRequest request) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    switch (path) {
      case DELIVERIES:
        return "GET".equals(request.method())
            ? deliveries(context, request)
            : notAllowed("GET");
      case TEST:
        return "POST".equals(request.method()) ? test(context) : notAllowed("POST");
      default:
        return error(404, "not found");
    }
  }

  /** The newest {@code limit} log entries (default 50, at most 500), newest first. */
  private WebResponse deliveries(PluginContext context, WebRequest request) {
    int limit = DEFAULT_LIMIT;
    String raw = request.queryParam("limit");
    if (raw != null) {
      try {
        limit = Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1) {
        return error(400, "limit must be a whole number from 1 to " + WebhookLeadSink.LOG_SIZE);
      }
      limit = Math.min(limit, WebhookLeadSink.LOG_SIZE);
    }
    Map<String, String> entries = context.data().list(WebhookLeadSink.LOG_PREFIX, 1000);
    List<String> keys = new ArrayList<>(entries.keySet());
    // keys start with the zero-padded time: reverse key order is newest first
    keys.sort(Collections.reverseOrder());
    StringBuilder out = new StringBuilder().append('[');
    for (String key : keys.subList(0, Math.min(limit, keys.size()))) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(entries.get(key));
    }
    return WebResponse.json(200, out.append(']').toString());
  }

  /** Sends a synthetic lead through the sink, unbilled, and tells how it went. */
  private WebResponse test(PluginContext context) {
    Lead lead =
        new Lead(
            "test-" + UUID.randomUUID(),
            "test-agent",
            "test-conversation",
            "Test Lead",
            "test.lead@example.com",
            "+15555550100",
            "Example Inc.",
            100,
            Map.of("company_size", "50", "note", "a test delivery from NGX"),
            "A synthetic lead sent from the plugin's test endpoint.",
            clock.instant());
    DeliveryResult result = sink.deliver(context, lead, true);
    return WebResponse.json(
        200,
        "{\"delivered\":"
            + result.delivered()
            + ",\"message\":"
            + Json.string(result.message())
            + "}");
  }

  private static WebResponse notAllowed(String allow) {
    WebResponse json = error(405, "method not allowed");
    return new WebResponse(405, json.contentType(), json.body(), Map.of("Allow", allow));
  }

  private static WebResponse error(int status, String message) {
    return WebResponse.json(status, "{\"error\":" + Json.string(message) + "}");
  }
}
