package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.WidgetEntity;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Chat widget keys. A key is public (it sits in the tenant's web page); what protects the tenant
 * is the list of origins allowed to use it (checked on every call, CORS included), the
 * per-conversation token, and the tenant's rate limit. The tenant is bound from the key, never
 * from the request. The tenant's plan limits the distinct brands of its widgets and decides
 * whether they carry the platform's branding.
 */
@Component(service = Widgets.class)
public final class Widgets {
  static final int MAX_ORIGINS = 20;
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long CACHE_MILLIS = 5_000;

  private final AgentStore store;
  private final TenantService tenants;
  private final Agents agents;
  private final Entitlements entitlements;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Resolved value, long at) {}

  /** A widget as its owner sees it. */
  public record WidgetView(String key, String agentId, List<String> allowedOrigins, JsonNode brand, Instant createdAt, String snippet) {}

  /** A key resolved to its tenant and agent, for an anonymous page. */
  public record Resolved(String key, TenantContext tenant, String schema, String agentId, List<String> origins, JsonNode brand) {}

  @Activate
  public Widgets(@Reference AgentStore store, @Reference TenantService tenants, @Reference Agents agents,
      @Reference Entitlements entitlements) {
    this.store = store;
    this.tenants = tenants;
    this.agents = agents;
    this.entitlements = entitlements;
  }

  public WidgetView create(TenantContext tenant, String schema, String agentId, List<String> origins, JsonNode brand, String baseUrl) {
    return create(tenant, schema, agentId, key(), origins, brand, baseUrl);
  }

  /**
   * Creates a widget under a chosen key (the demo's well-known key). Refused (402) when its brand
   * would take the tenant's widgets beyond the distinct brands its plan allows.
   */
  public WidgetView create(TenantContext tenant, String schema, String agentId, String key, List<String> origins, JsonNode brand,
      String baseUrl) {
    agents.entity(schema, agentId);
    List<String> clean = origins(origins);
    ObjectNode b = brand(brand);
    PlanLimits.require(entitlements.admit(tenant, Limit.BRANDS, brandsWith(tenant, b)), Limit.BRANDS);
    WidgetEntity w = new WidgetEntity();
    w.key = key;
    w.tenantId = tenant.id().toString();
    w.agentId = agentId;
    w.allowedOrigins = String.join(" ", clean);
    w.brand = Json.write(b);
    w.createdAt = store.utcNow();
    store.shared(em -> {
      em.persist(w);
      return null;
    });
    return view(w, baseUrl);
  }

  public List<WidgetView> list(TenantContext tenant, String agentId, String baseUrl) {
    return store.shared(em -> em.createQuery(
            "select w from WidgetEntity w where w.tenantId = :t and w.agentId = :a and w.revokedAt is null order by w.createdAt",
            WidgetEntity.class)
        .setParameter("t", tenant.id().toString()).setParameter("a", agentId).getResultList().stream()
        .map(w -> view(w, baseUrl)).toList());
  }

  public void revoke(TenantContext tenant, String agentId, String key) {
    store.shared(em -> {
      WidgetEntity w = em.find(WidgetEntity.class, key);
      if (w == null || !w.tenantId.equals(tenant.id().toString()) || !w.agentId.equals(agentId) || w.revokedAt != null) {
        throw ApiException.notFound("No widget " + key + " on this agent");
      }
      w.revokedAt = store.utcNow();
      return null;
    });
    cache.remove(key);
  }

  /** The widget of a key, with its tenant; empty when unknown, revoked or its tenant is not active. */
  public Optional<Resolved> resolve(String key) {
    if (key == null || !key.startsWith("wk_") || key.length() > 40) {
      return Optional.empty();
    }
    Cached c = cache.get(key);
    long now = System.currentTimeMillis();
    if (c != null && now - c.at() < CACHE_MILLIS) {
      return Optional.ofNullable(c.value());
    }
    WidgetEntity w = store.shared(em -> em.find(WidgetEntity.class, key));
    Resolved r = null;
    if (w != null && w.revokedAt == null) {
      Optional<Tenant> t = tenants.get(UUID.fromString(w.tenantId));
      if (t.isPresent() && t.get().status() == TenantStatus.ACTIVE) {
        r = new Resolved(w.key, t.get().context(), t.get().schema(), w.agentId,
            List.of(w.allowedOrigins.split(" ")), Json.tree(w.brand));
      }
    }
    cache.put(key, new Cached(r, now));
    return Optional.ofNullable(r);
  }

  /** Whether the platform's branding shows in this tenant's widget: the tenant's plan decides. */
  public boolean platformBranding(TenantContext tenant) {
    return entitlements.platformBrandingRequired(tenant);
  }

  /** How many distinct brands the tenant's live widgets have with {@code brand} among them. */
  long brandsWith(TenantContext tenant, JsonNode brand) {
    Set<String> brands = new HashSet<>();
    brands.add(normalised(brand));
    store.shared(em -> em.createQuery(
            "select w.brand from WidgetEntity w where w.tenantId = :t and w.revokedAt is null", String.class)
        .setParameter("t", tenant.id().toString()).getResultList())
        .forEach(b -> brands.add(normalised(Json.tree(b))));
    return brands.size();
  }

  /**
   * A brand's identity: its fields in a fixed order, trimmed, colours in upper case, so widgets
   * that look the same are one brand however their JSON was written.
   */
  static String normalised(JsonNode brand) {
    TreeMap<String, String> fields = new TreeMap<>();
    brand.fields().forEachRemaining(f -> {
      String v = f.getValue().asText().strip();
      fields.put(f.getKey(), COLOR.matcher(v).matches() ? v.toUpperCase(Locale.ROOT) : v);
    });
    return Json.write(fields);
  }

  /** True when {@code origin} may use the widget. */
  public static boolean allowed(Resolved w, String origin) {
    return origin != null && w.origins().contains(origin.toLowerCase(Locale.ROOT));
  }

  private static List<String> origins(List<String> origins) {
    Validator v = new Validator();
    List<String> out = new ArrayList<>();
    if (origins == null || origins.isEmpty()) {
      v.error("allowedOrigins", "needs at least one origin, e.g. https://www.example.com");
    } else if (origins.size() > MAX_ORIGINS) {
      v.error("allowedOrigins", "at most " + MAX_ORIGINS + " origins");
    } else {
      for (int i = 0; i < origins.size(); i++) {
        String o = origins.get(i) == null ? "" : origins.get(i).strip().toLowerCase(Locale.ROOT);
        try {
          URI u = new URI(o);
          boolean ok = ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
              && (u.getPath() == null || u.getPath().isEmpty()) && u.getQuery() == null && u.getFragment() == null
              && u.getUserInfo() == null;
          if (!ok) {
            v.error("allowedOrigins[" + i + "]", "must be an origin: scheme, host and optional port, e.g. https://www.example.com");
          } else {
            out.add(o);
          }
        } catch (URISyntaxException e) {
          v.error("allowedOrigins[" + i + "]", "must be an origin, e.g. https://www.example.com");
        }
      }
    }
    v.throwIfInvalid();
    return out;
  }

  private static ObjectNode brand(JsonNode brand) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    Validator v = new Validator();
    JsonNode in = brand == null ? Json.MAPPER.createObjectNode() : brand;
    String title = in.path("title").asText("");
    v.require("brand.title", title.length() <= 60, "must be at most 60 characters");
    for (String f : List.of("primaryColor", "textColor", "backgroundColor")) {
      String c = in.path(f).asText(null);
      v.require("brand." + f, c == null || COLOR.matcher(c).matches(), "must be a colour like #1A73E8");
      if (c != null) {
        b.put(f, c);
      }
    }
    String logo = in.path("logoUrl").asText(null);
    v.require("brand.logoUrl", logo == null || (logo.startsWith("https://") || logo.startsWith("http://")) && logo.length() <= 500,
        "must be an http(s) URL of at most 500 characters");
    String position = in.path("position").asText("right");
    v.require("brand.position", position.equals("right") || position.equals("left"), "must be left or right");
    v.throwIfInvalid();
    if (!title.isBlank()) {
      b.put("title", title);
    }
    if (logo != null) {
      b.put("logoUrl", logo);
    }
    b.put("position", position);
    return b;
  }

  private static String key() {
    StringBuilder sb = new StringBuilder("wk_");
    for (int i = 0; i < 24; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  private static WidgetView view(WidgetEntity w, String baseUrl) {
    String snippet = "<script src=\"" + baseUrl + "/api/v1/widget/widget.js\" data-ngx-key=\"" + w.key + "\" async></script>";
    return new WidgetView(w.key, w.agentId, List.of(w.allowedOrigins.split(" ")), Json.tree(w.brand),
        AgentStore.instant(w.createdAt), snippet);
  }
}
