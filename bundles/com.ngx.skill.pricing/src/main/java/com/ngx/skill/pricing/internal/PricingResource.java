package com.ngx.skill.pricing.internal;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.plugin.PluginData;
import com.ngx.api.web.WebRequest;
import com.ngx.api.web.WebResource;
import com.ngx.api.web.WebResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The plugin's endpoints: {@code GET /quote} prices seats; {@code /quotes} saves, lists and
 * deletes quotes in the tenant's plugin data (keys {@code quote/<uuid>}).
 */
@Component(service = WebResource.class)
public final class PricingResource implements WebResource {
  static final String QUOTE = "/quote";
  static final String QUOTES = "/quotes";
  static final String KEY_PREFIX = "quote/";
  /** How many quotes a tenant may keep (the most that plugin data lists at once). */
  static final int MAX_SAVED = 1000;
  static final int MAX_CUSTOMER = 200;

  private static final String SEATS_ERROR =
      "seats must be a whole number from 1 to " + PriceList.MAX_SEATS;

  private final Clock clock;

  @Activate
  public PricingResource() {
    this(Clock.systemUTC());
  }

  PricingResource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public WebResponse handle(PluginContext context, WebRequest request) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String method = request.method();
    try {
      if (path.equals(QUOTE)) {
        return method.equals("GET") ? quote(context, request) : notAllowed("GET");
      }
      if (path.equals(QUOTES)) {
        switch (method) {
          case "GET":
            return list(context.data());
          case "POST":
            return save(context, request);
          default:
            return notAllowed("GET, POST");
        }
      }
      if (path.startsWith(QUOTES + "/")) {
        String id = path.substring(QUOTES.length() + 1);
        switch (method) {
          case "GET":
            return get(context.data(), id);
          case "DELETE":
            return delete(context.data(), id);
          default:
            return notAllowed("GET, DELETE");
        }
      }
      return error(404, "not found", null);
    } catch (SettingsException e) {
      return error(500, "plugin settings: " + e.getMessage(), null);
    }
  }

  /** {@code GET /quote?seats=N[&annual=true]}. */
  private WebResponse quote(PluginContext context, WebRequest request) {
    Integer seats = seats(request.queryParam("seats"));
    if (seats == null) {
      return error(400, SEATS_ERROR, "seats");
    }
    Boolean annual = bool(request.queryParam("annual"));
    if (annual == null) {
      return error(400, "annual must be true or false", "annual");
    }
    Quote q = prices(context).quote(seats);
    return WebResponse.json(200, "{" + q.jsonMembers(annual) + "}");
  }

  /** {@code POST /quotes} with {@code {"seats":N,"customer":"…","annual":false}}. */
  private WebResponse save(PluginContext context, WebRequest request) {
    Object parsed;
    try {
      parsed = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return error(400, "the body is not JSON: " + e.getMessage(), null);
    }
    if (!(parsed instanceof Map)) {
      return error(400, "the body must be a JSON object", null);
    }
    Map<?, ?> body = (Map<?, ?>) parsed;
    Object rawSeats = body.get("seats");
    Integer seats = rawSeats instanceof BigDecimal ? seats((BigDecimal) rawSeats) : null;
    if (seats == null) {
      return error(400, SEATS_ERROR, "seats");
    }
    Object customer = body.get("customer");
    if (customer != null
        && (!(customer instanceof String) || ((String) customer).length() > MAX_CUSTOMER)) {
      return error(
          400, "customer must be text of at most " + MAX_CUSTOMER + " characters", "customer");
    }
    Object annual = body.containsKey("annual") ? body.get("annual") : Boolean.FALSE;
    if (!(annual instanceof Boolean)) {
      return error(400, "annual must be true or false", "annual");
    }
    Quote q = prices(context).quote(seats);

    PluginData data = context.data();
    if (data.list(KEY_PREFIX, MAX_SAVED).size() >= MAX_SAVED) {
      return error(409, "at most " + MAX_SAVED + " quotes can be saved; delete some first", null);
    }
    String id = UUID.randomUUID().toString();
    String name = customer == null ? null : ((String) customer).strip();
    String json =
        "{\"id\":"
            + Json.string(id)
            + ",\"customer\":"
            + Json.string(name)
            + ",\"createdAt\":"
            + Json.string(clock.instant().toString())
            + ","
            + q.jsonMembers((Boolean) annual)
            + "}";
    data.put(KEY_PREFIX + id, json);
    return WebResponse.json(201, json);
  }

  /** {@code GET /quotes}: every saved quote, newest first. */
  private WebResponse list(PluginData data) {
    List<Map.Entry<Instant, String>> quotes = new ArrayList<>();
    for (String json : data.list(KEY_PREFIX, MAX_SAVED).values()) {
      quotes.add(Map.entry(createdAt(json), json));
    }
    quotes.sort(Map.Entry.<Instant, String>comparingByKey(Comparator.reverseOrder()));
    StringBuilder out = new StringBuilder().append('[');
    for (Map.Entry<Instant, String> q : quotes) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(q.getValue());
    }
    return WebResponse.json(200, out.append(']').toString());
  }

  /** {@code GET /quotes/{id}}. */
  private WebResponse get(PluginData data, String id) {
    Optional<String> json = isId(id) ? data.get(KEY_PREFIX + id) : Optional.empty();
    return json.map(j -> WebResponse.json(200, j)).orElseGet(() -> error(404, "not found", null));
  }

  /** {@code DELETE /quotes/{id}}. */
  private WebResponse delete(PluginData data, String id) {
    return isId(id) && data.delete(KEY_PREFIX + id)
        ? WebResponse.empty(204)
        : error(404, "not found", null);
  }

  private static PriceList prices(PluginContext context) {
    try {
      return PriceList.of(context.settings());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  /** A seat count from a query parameter; null unless a whole number in range. */
  private static Integer seats(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return seats(new BigDecimal(raw.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer seats(BigDecimal n) {
    if (n.compareTo(BigDecimal.ONE) < 0
        || n.compareTo(BigDecimal.valueOf(PriceList.MAX_SEATS)) > 0
        || n.stripTrailingZeros().scale() > 0) {
      return null;
    }
    return n.intValue();
  }

  /** A boolean query parameter: absent is false, anything but true/false is null. */
  private static Boolean bool(String raw) {
    if (raw == null || raw.equals("false")) {
      return Boolean.FALSE;
    }
    return raw.equals("true") ? Boolean.TRUE : null;
  }

  private static boolean isId(String id) {
    try {
      // only the canonical spelling, so that one quote has one URL
      return UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** When a stored quote was made; a damaged entry sorts last. */
  private static Instant createdAt(String json) {
    try {
      Object createdAt = ((Map<?, ?>) Json.parse(json)).get("createdAt");
      return Instant.parse((String) createdAt);
    } catch (RuntimeException e) {
      return Instant.MIN;
    }
  }

  private static WebResponse notAllowed(String allow) {
    WebResponse json = error(405, "method not allowed", null);
    return new WebResponse(405, json.contentType(), json.body(), Map.of("Allow", allow));
  }

  private static WebResponse error(int status, String message, String field) {
    return WebResponse.json(
        status,
        "{\"error\":"
            + Json.string(message)
            + (field == null ? "" : ",\"field\":" + Json.string(field))
            + "}");
  }

  /** The tenant's settings are wrong; the caller gets a 500 that says which. */
  private static final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SettingsException(String message) {
      super(message);
    }
  }
}
