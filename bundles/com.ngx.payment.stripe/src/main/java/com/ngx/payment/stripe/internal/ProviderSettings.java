package com.ngx.payment.stripe.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's {@link StripeSettings}, read from the map the platform hands over in {@code
 * PluginContext.settings()}.
 *
 * @param apiKey the secret or restricted API key, or null when it is not set
 * @param webhookSecret the webhook endpoint's signing secret, or null when it is not set
 * @param apiBase the API root, without a trailing slash
 * @param tolerance how far a webhook's timestamp may be from the clock, either way
 * @param timeout the connect timeout, and the read timeout of each answer
 */
record ProviderSettings(
    String apiKey, String webhookSecret, String apiBase, Duration tolerance, Duration timeout) {

  /**
   * Reads and checks {@code settings}, filling in defaults for what is absent (the platform does
   * this already; the defaults here make the plugin independent of it).
   *
   * @throws IllegalArgumentException {@code settings: <which and why>}; never quotes a secret
   */
  static ProviderSettings of(Map<String, Object> settings) {
    String apiKey = secret(settings.get("apiKey"), "apiKey");
    if (apiKey != null && apiKey.startsWith("pk_")) {
      throw new IllegalArgumentException(
          "settings: apiKey is a publishable key (pk_…); use the secret key (sk_…) or a"
              + " restricted key (rk_…)");
    }
    String webhookSecret = secret(settings.get("webhookSecret"), "webhookSecret");
    String apiBase = apiBase(settings.get("apiBase"));
    int tolerance =
        range(
            settings.get("toleranceSeconds"),
            StripeSettings.DEFAULT_TOLERANCE_SECONDS,
            StripeSettings.MIN_TOLERANCE_SECONDS,
            StripeSettings.MAX_TOLERANCE_SECONDS,
            "toleranceSeconds");
    int timeout =
        range(
            settings.get("timeoutSeconds"),
            StripeSettings.DEFAULT_TIMEOUT_SECONDS,
            StripeSettings.MIN_TIMEOUT_SECONDS,
            StripeSettings.MAX_TIMEOUT_SECONDS,
            "timeoutSeconds");
    return new ProviderSettings(
        apiKey, webhookSecret, apiBase, Duration.ofSeconds(tolerance), Duration.ofSeconds(timeout));
  }

  /** The API key, which every API call needs. */
  String requireApiKey() {
    if (apiKey == null) {
      throw new IllegalArgumentException("settings: apiKey is not set");
    }
    return apiKey;
  }

  /** Replaces the API key wherever it occurs in {@code text} (a server may echo it). */
  String redact(String text) {
    if (text == null || apiKey == null) {
      return text;
    }
    return text.replace(apiKey, "***");
  }

  private static String secret(Object raw, String name) {
    String value = raw == null ? null : raw.toString().strip();
    if (value == null || value.isEmpty()) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // a line break would end the Authorization header; the value is never quoted back
        throw new IllegalArgumentException(
            "settings: " + name + " contains characters other than printable ASCII");
      }
    }
    return value;
  }

  private static String apiBase(Object raw) {
    String text = raw == null ? StripeSettings.DEFAULT_API_BASE : raw.toString().strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("settings: apiBase is not set");
    }
    // stripe-java appends /v1/…: https://api.stripe.com/ and https://api.stripe.com are the same
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("settings: apiBase is not a valid URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("https") && !scheme.equals("http")) || url.getHost() == null) {
      throw new IllegalArgumentException("settings: apiBase must be an absolute http(s) URL");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "settings: apiBase must not contain credentials; put the key in apiKey");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("settings: apiBase must not have a query or fragment");
    }
    return text;
  }

  private static int range(Object value, int absent, int min, int max, String name) {
    int n;
    if (value == null) {
      n = absent;
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long l = ((Number) value).longValue();
      n = l < Integer.MIN_VALUE || l > Integer.MAX_VALUE ? Integer.MIN_VALUE : (int) l;
    } else {
      try {
        n = Integer.parseInt(value.toString().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("settings: " + name + " must be a whole number");
      }
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "settings: " + name + " must be from " + min + " to " + max);
    }
    return n;
  }

  /** Never shows a secret. */
  @Override
  public String toString() {
    return "ProviderSettings[apiKey="
        + (apiKey == null ? "none" : "set")
        + ", webhookSecret="
        + (webhookSecret == null ? "none" : "set")
        + ", apiBase="
        + apiBase
        + ", tolerance="
        + tolerance
        + ", timeout="
        + timeout
        + "]";
  }
}
