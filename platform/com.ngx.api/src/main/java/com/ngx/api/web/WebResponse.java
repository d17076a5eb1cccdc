package com.ngx.api.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plugin's answer to a {@link WebRequest}.
 *
 * @param status the HTTP status
 * @param contentType the body's media type (null when there is no body)
 * @param body the body (empty for none)
 * @param headers extra response headers
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  public WebResponse {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A JSON answer. */
  public static WebResponse json(int status, String json) {
    return new WebResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** An answer without a body. */
  public static WebResponse empty(int status) {
    return new WebResponse(status, null, new byte[0], Map.of());
  }
}
