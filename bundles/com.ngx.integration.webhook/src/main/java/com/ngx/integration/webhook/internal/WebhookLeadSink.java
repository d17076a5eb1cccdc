package com.ngx.integration.webhook.internal;

import com.ngx.api.lead.DeliveryResult;
import com.ngx.api.lead.Lead;
import com.ngx.api.lead.LeadSink;
import com.ngx.api.plugin.PluginContext;
import com.ngx.api.plugin.PluginData;
import com.ngx.integration.webhook.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Delivers each lead as a signed JSON POST to the tenant's endpoint and logs the delivery in the
 * tenant's plugin data.
 *
 * <p>Every failure (settings incomplete, endpoint unreachable or slow, non-2xx answer) is returned
 * as a failed {@link DeliveryResult} rather than thrown, so that it lands in the delivery log the
 * tenant sees; the platform counts it as a failure and retries the lead later, exactly as it would
 * an exception. Deliveries are therefore at least once: receivers dedupe by the lead's {@code id}.
 *
 * <p>The tenant's settings arrive with every call ({@code PluginContext.settings()}); Config Admin
 * is not used, so the component activates without any configuration.
 */
@Component(
    service = {LeadSink.class, WebhookLeadSink.class},
    configurationPid = WebhookLeadSink.PID)
@Designate(ocd = WebhookSettings.class)
public final class WebhookLeadSink implements LeadSink {
  /** The plugin id, also the id of its settings definition. */
  static final String PID = "webhook-lead-sink";
  /**
   * Framework property that lets endpoints on private and loopback addresses be called: for
   * development and product tests only, never in production.
   */
  static final String ALLOW_PRIVATE_TARGETS = "ngx.webhook.allowPrivateTargets";
  /** Key prefix of delivery log entries in the tenant's plugin data. */
  static final String LOG_PREFIX = "delivery/";
  /** How many delivery log entries are kept per tenant. */
  static final int LOG_SIZE = 500;

  private static final int MAX_REFERENCE = 200;
  private static final int MAX_ID_IN_KEY = 100;

  private final HttpClient http;
  private final Clock clock;
  private final boolean allowPrivateTargets;

  @Activate
  public WebhookLeadSink(BundleContext bundleContext) {
    this(
        newClient(),
        Clock.systemUTC(),
        Boolean.parseBoolean(bundleContext.getProperty(ALLOW_PRIVATE_TARGETS)));
  }

  WebhookLeadSink(HttpClient http, Clock clock, boolean allowPrivateTargets) {
    this.http = http;
    this.clock = clock;
    this.allowPrivateTargets = allowPrivateTargets;
  }

  /**
   * The one client of this component. It follows no redirects, so a 3xx is a failure, and speaks
   * HTTP/1.1, which every receiver understands (no h2c upgrade attempt on plain http).
   */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(WebhookSettings.MAX_TIMEOUT_SECONDS))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public DeliveryResult deliver(PluginContext context, Lead lead) {
    return deliver(context, lead, false);
  }

  /**
   * Delivers {@code lead}; a {@code test} delivery is marked as such in the JSON and not billed.
   */
  DeliveryResult deliver(PluginContext context, Lead lead, boolean test) {
    Instant now = clock.instant();
    Attempt attempt = send(context, lead, test, now);
    if (attempt.result.delivered() && !test) {
      context.usage().record(1, lead.id());
    }
    log(context.data(), now, lead, attempt, test);
    return attempt.result;
  }

  private Attempt send(PluginContext context, Lead lead, boolean test, Instant now) {
    TenantSettings settings;
    try {
      settings = TenantSettings.of(context.settings());
    } catch (IllegalArgumentException e) {
      return new Attempt(DeliveryResult.failed("settings: " + e.getMessage()), null);
    }
    if (!allowPrivateTargets) {
      String refusal = Targets.refusal(settings.url().getHost());
      if (refusal != null) {
        return new Attempt(DeliveryResult.failed(refusal), null);
      }
    }

    byte[] body = LeadJson.of(lead, context.tenant().slug(), test).getBytes(StandardCharsets.UTF_8);
    long timestamp = now.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header(Signatures.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                Signatures.SIGNATURE_HEADER, Signatures.sign(settings.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    HttpResponse<InputStream> response;
    try {
      // join() rather than send(): there is no InterruptedException to handle, and the wait is
      // bounded all the same, by the request timeout and, for the connection, by orTimeout.
      // The body is not read: the answer is complete once the status and headers are in.
      response =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
              .orTimeout(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
              .join();
    } catch (CompletionException e) {
      return new Attempt(DeliveryResult.failed(describe(e.getCause(), settings)), null);
    }
    closeQuietly(response.body());

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return new Attempt(DeliveryResult.failed("HTTP " + status), status);
    }
    String reference =
        response.headers().firstValue("X-Request-Id").orElse(Integer.toString(status));
    if (reference.length() > MAX_REFERENCE) {
      reference = reference.substring(0, MAX_REFERENCE);
    }
    return new Attempt(DeliveryResult.delivered(reference), status);
  }

  /** A failure's message for the tenant; it never contains the secret. */
  private static String describe(Throwable cause, TenantSettings settings) {
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "no answer within " + settings.timeout().getSeconds() + " s";
    }
    if (cause instanceof ConnectException) {
      return "could not connect to " + settings.url().getHost();
    }
    if (cause instanceof IOException) {
      return "request failed: " + cause.getClass().getSimpleName();
    }
    return "request failed";
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // the body is unused; a connection that fails to close is the client's to discard
    }
  }

  /** Appends an entry to the tenant's delivery log; drops the oldest beyond {@link #LOG_SIZE}. */
  private static void log(PluginData data, Instant now, Lead lead, Attempt attempt, boolean test) {
    String id = lead.id();
    if (id.length() > MAX_ID_IN_KEY) {
      id = id.substring(0, MAX_ID_IN_KEY);
    }
    String key = LOG_PREFIX + String.format("%013d", now.toEpochMilli()) + "-" + id;
    DeliveryResult r = attempt.result;
    String entry =
        "{\"time\":"
            + Json.string(now.toString())
            + ",\"leadId\":"
            + Json.string(lead.id())
            + ",\"delivered\":"
            + r.delivered()
            + ",\"status\":"
            + (attempt.httpStatus == null ? "null" : attempt.httpStatus.toString())
            + ",\"reference\":"
            + Json.string(r.reference())
            + ",\"message\":"
            + Json.string(r.message())
            + ",\"test\":"
            + test
            + "}";
    data.put(key, entry);

    // keys sort by time, so the first ones are the oldest
    List<String> keys = new ArrayList<>(data.list(LOG_PREFIX, 1000).keySet());
    Collections.sort(keys);
    for (String k : keys.subList(0, Math.max(0, keys.size() - LOG_SIZE))) {
      data.delete(k);
    }
  }

  /** The result of one delivery and the HTTP status, if an answer came. */
  private record Attempt(DeliveryResult result, Integer httpStatus) {}
}
