package com.ngx.integration.webhook.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One tenant's {@link WebhookSettings}, read from the map the platform hands over in {@code
 * PluginContext.settings()}.
 *
 * @param url the endpoint
 * @param secret the signing secret
 * @param timeout the request timeout
 */
record TenantSettings(URI url, String secret, Duration timeout) {

  /** Reads and checks {@code settings}; the message of the exception names the bad setting. */
  static TenantSettings of(Map<String, Object> settings) {
    Object rawUrl = settings.get("url");
    if (!(rawUrl instanceof String) || ((String) rawUrl).isBlank()) {
      throw new IllegalArgumentException("url is not set");
    }
    URI url;
    try {
      url = new URI(((String) rawUrl).strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("https") && !scheme.equals("http")) || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url must not contain credentials");
    }
    Object secret = settings.get("secret");
    if (!(secret instanceof String) || ((String) secret).isEmpty()) {
      throw new IllegalArgumentException("secret is not set");
    }
    int seconds = intValue(settings.get("timeoutSeconds"), 5);
    if (seconds < WebhookSettings.MIN_TIMEOUT_SECONDS
        || seconds > WebhookSettings.MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be from "
              + WebhookSettings.MIN_TIMEOUT_SECONDS
              + " to "
              + WebhookSettings.MAX_TIMEOUT_SECONDS);
    }
    return new TenantSettings(url, (String) secret, Duration.ofSeconds(seconds));
  }

  private static int intValue(Object value, int absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    try {
      return Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timeoutSeconds must be a whole number");
    }
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "TenantSettings[url=" + url + ", timeout=" + timeout + "]";
  }
}
