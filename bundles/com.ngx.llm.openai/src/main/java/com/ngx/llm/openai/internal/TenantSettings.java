package com.ngx.llm.openai.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One tenant's {@link OpenAiSettings}, read from the map the platform hands over in {@code
 * PluginContext.settings()}.
 *
 * @param baseUrl the API root, without a trailing slash
 * @param apiKey the bearer token, or null when the server needs none
 * @param model the model name
 * @param timeout how long one completion may take, end to end
 * @param maxTokens the cap on generated tokens
 */
record TenantSettings(URI baseUrl, String apiKey, String model, Duration timeout, int maxTokens) {
  /** Model names are short identifiers; a longer one is a mistake. */
  static final int MAX_MODEL_LENGTH = 200;

  /** The settings every tenant starts with. */
  static TenantSettings defaults() {
    return of(Map.of());
  }

  /**
   * Reads and checks {@code settings}, filling in defaults for what is absent (the platform does
   * this already; the defaults here make the plugin independent of it).
   *
   * @throws IllegalArgumentException naming the bad setting; the message never contains the key
   */
  static TenantSettings of(Map<String, Object> settings) {
    URI baseUrl = baseUrl(settings.get("baseUrl"));

    Object rawKey = settings.get("apiKey");
    String apiKey = rawKey == null ? null : rawKey.toString().strip();
    if (apiKey != null && apiKey.isEmpty()) {
      apiKey = null;
    }
    if (apiKey != null && !isHeaderSafe(apiKey)) {
      // a line break would end the header; the key is never quoted back
      throw new IllegalArgumentException("apiKey contains characters a header cannot carry");
    }

    Object rawModel = settings.get("model");
    String model =
        rawModel == null ? OpenAiSettings.DEFAULT_MODEL : rawModel.toString().strip();
    if (model.isEmpty()) {
      throw new IllegalArgumentException("model is not set");
    }
    if (model.length() > MAX_MODEL_LENGTH) {
      throw new IllegalArgumentException(
          "model must be at most " + MAX_MODEL_LENGTH + " characters");
    }

    int seconds =
        intValue(
            settings.get("timeoutSeconds"),
            OpenAiSettings.DEFAULT_TIMEOUT_SECONDS,
            "timeoutSeconds");
    if (seconds < OpenAiSettings.MIN_TIMEOUT_SECONDS
        || seconds > OpenAiSettings.MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be from "
              + OpenAiSettings.MIN_TIMEOUT_SECONDS
              + " to "
              + OpenAiSettings.MAX_TIMEOUT_SECONDS);
    }

    int maxTokens =
        intValue(settings.get("maxTokens"), OpenAiSettings.DEFAULT_MAX_TOKENS, "maxTokens");
    if (maxTokens < 1 || maxTokens > OpenAiSettings.MAX_MAX_TOKENS) {
      throw new IllegalArgumentException(
          "maxTokens must be from 1 to " + OpenAiSettings.MAX_MAX_TOKENS);
    }
    return new TenantSettings(baseUrl, apiKey, model, Duration.ofSeconds(seconds), maxTokens);
  }

  /** Where completions are posted: the base URL and {@code /chat/completions}. */
  URI completionsUrl() {
    return URI.create(baseUrl + "/chat/completions");
  }

  private static URI baseUrl(Object raw) {
    String text = raw == null ? OpenAiSettings.DEFAULT_BASE_URL : raw.toString().strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("baseUrl is not set");
    }
    // https://host/v1/ and https://host/v1 are the same root
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl is not a valid URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("https") && !scheme.equals("http")) || url.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not contain credentials; put the key in apiKey");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not have a query or fragment: /chat/completions is appended to it");
    }
    return url;
  }

  private static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static int intValue(Object value, int absent, String name) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long l = ((Number) value).longValue();
      return l < Integer.MIN_VALUE || l > Integer.MAX_VALUE ? Integer.MIN_VALUE : (int) l;
    }
    try {
      return Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "TenantSettings[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + ", model="
        + model
        + ", timeout="
        + timeout
        + ", maxTokens="
        + maxTokens
        + "]";
  }
}
