package com.ngx.api.web;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request routed to a plugin.
 *
 * @param method the HTTP method, upper case
 * @param path the path below the plugin's root, starting with {@code /} (e.g. {@code /quote})
 * @param query the query parameters
 * @param headers the request headers, names in lower case
 * @param body the raw body (empty when there is none)
 * @param webhook whether it came through the unauthenticated webhook route
 */
public record WebRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    boolean webhook) {

  /** The first value of a query parameter, or null. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
