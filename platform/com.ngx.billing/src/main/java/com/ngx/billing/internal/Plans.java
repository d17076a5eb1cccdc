package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.Limit;
import com.ngx.billing.internal.calc.Money;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plan catalogue: plans are data (operator-editable), and every edit is a new, immutable
 * version. A subscription keeps the version it was sold at until it changes plan; new
 * subscriptions get the current version. The six plans of the product are seeded on first start
 * from {@code plans.json}.
 */
@Component(service = Plans.class)
public final class Plans {
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  private final BillingStore store;
  private final Map<String, Plan> versions = new ConcurrentHashMap<>();

  @Activate
  public Plans(@Reference BillingStore store) {
    this.store = store;
    seed();
  }

  /** Seeds the default plans when the catalogue is empty. */
  void seed() {
    store.tx(em -> {
      long n = ((Number) em.createNativeQuery("select count(*) from bill_plan").getSingleResult()).longValue();
      if (n > 0) {
        return null;
      }
      try (InputStream in = Plans.class.getResourceAsStream("plans.json")) {
        JsonNode all = JSON.readTree(in);
        int position = 0;
        for (JsonNode p : all) {
          save(em, p.get("id").asText(), (ObjectNode) p, position++);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }

  /** The plans, current versions, by position; hidden and archived ones only when asked. */
  public List<Plan> list(boolean all) {
    return store.tx(em -> {
      List<Plan> out = new ArrayList<>();
      for (PlanEntity e : em.createQuery("select p from PlanEntity p", PlanEntity.class).getResultList()) {
        Plan p = version(em, e.id, e.currentVersion);
        if (all || (p.publicPlan() && !p.archived())) {
          out.add(p);
        }
      }
      out.sort(Comparator.comparingInt(Plan::position).thenComparing(Plan::id));
      return out;
    });
  }

  /** The current version of a plan. */
  public Optional<Plan> current(String id) {
    return store.tx(em -> current(em, id));
  }

  Optional<Plan> current(EntityManager em, String id) {
    PlanEntity e = id == null ? null : em.find(PlanEntity.class, id);
    return e == null ? Optional.empty() : Optional.of(version(em, e.id, e.currentVersion));
  }

  /** One version of a plan (versions never change, so they are cached). */
  public Plan version(String id, int version) {
    Plan p = versions.get(id + "@" + version);
    return p != null ? p : store.tx(em -> version(em, id, version));
  }

  Plan version(EntityManager em, String id, int version) {
    String key = id + "@" + version;
    Plan cached = versions.get(key);
    if (cached != null) {
      return cached;
    }
    List<?> rows = em.createNativeQuery("select definition from bill_plan_version where plan_id = ? and version = ?")
        .setParameter(1, id).setParameter(2, version).getResultList();
    if (rows.isEmpty()) {
      throw new IllegalStateException("No plan " + key);
    }
    PlanEntity e = em.find(PlanEntity.class, id);
    try {
      Plan p = parse(new Validator(), id, version, (ObjectNode) JSON.readTree((String) rows.get(0)), e.position);
      versions.put(key, p);
      return p;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * Creates a plan or writes a new version of it from an operator's definition (the shape of
   * {@code GET /plans}: name, price, currency, trialDays, limits, overagePrice, revenueShare,
   * features, public, archived).
   */
  public Plan save(String id, ObjectNode definition) {
    new Validator().require("id", id != null && ID.matcher(id).matches(),
        "must be 2-40 lowercase letters, digits and hyphens, starting with a letter").throwIfInvalid();
    return store.tx(em -> {
      PlanEntity existing = em.find(PlanEntity.class, id);
      int position = existing != null ? existing.position
          : ((Number) em.createNativeQuery("select coalesce(max(position), -1) + 1 from bill_plan").getSingleResult()).intValue();
      return save(em, id, definition, position);
    });
  }

  private Plan save(EntityManager em, String id, ObjectNode definition, int position) {
    Validator v = new Validator();
    PlanEntity e = em.find(PlanEntity.class, id);
    int version = e == null ? 1 : e.currentVersion + 1;
    Plan p = parse(v, id, version, definition, position);
    v.throwIfInvalid();
    ObjectNode stored = canonical(p);
    if (e == null) {
      e = new PlanEntity();
      e.id = id;
      e.position = position;
      e.currentVersion = version;
      e.publicPlan = p.publicPlan() ? 1 : 0;
      e.archived = p.archived() ? 1 : 0;
      e.updatedAt = store.utcNow();
      em.persist(e);
      em.flush();
    } else {
      e.currentVersion = version;
      e.publicPlan = p.publicPlan() ? 1 : 0;
      e.archived = p.archived() ? 1 : 0;
      e.updatedAt = store.utcNow();
    }
    em.createNativeQuery("insert into bill_plan_version (plan_id, version, definition, created_at) values (?, ?, ?, ?)")
        .setParameter(1, id).setParameter(2, version).setParameter(3, stored.toString())
        .setParameter(4, store.utcNow()).executeUpdate();
    versions.put(id + "@" + version, p);
    return p;
  }

  /** Reads and validates a definition; problems go to {@code v} under their field names. */
  static Plan parse(Validator v, String id, int version, ObjectNode d, int position) {
    String name = text(d, "name");
    v.require("name", name != null && !name.isBlank() && name.length() <= 60, "is required, at most 60 characters");
    String currency = text(d, "currency") == null ? "USD" : text(d, "currency").toUpperCase(java.util.Locale.ROOT);
    boolean currencyOk = true;
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      v.error("currency", "must be an ISO 4217 currency code");
      currencyOk = false;
    }
    Long price = currencyOk ? money(v, d, "price", currency) : null;
    int trialDays = d.path("trialDays").asInt(14);
    v.require("trialDays", trialDays >= 0 && trialDays <= 90, "must be between 0 and 90");
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    JsonNode l = d.path("limits");
    for (Limit limit : Limit.values()) {
      JsonNode n = l.path(limit.key());
      if (n.isMissingNode() || n.isNull()) {
        limits.put(limit, null);
      } else if (n.canConvertToLong() && n.asLong() >= 0) {
        limits.put(limit, n.asLong());
      } else {
        v.error("limits." + limit.key(), "must be a whole number of 0 or more, or null for unlimited");
      }
    }
    for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      boolean known = false;
      for (Limit limit : Limit.values()) {
        known |= limit.key().equals(k);
      }
      v.require("limits." + k, known, "is not a limit; known: conversationsPerMonth, activeAgents, brands, knowledgeCharacters");
    }
    Long overage = currencyOk ? money(v, d, "overagePrice", currency) : null;
    Integer shareBp = null;
    Long minimum = null;
    JsonNode rs = d.path("revenueShare");
    if (!rs.isMissingNode() && !rs.isNull()) {
      try {
        BigDecimal percent = new BigDecimal(rs.path("percent").asText());
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.scale() > 2) {
          v.error("revenueShare.percent", "must be above 0 and at most 100, with at most 2 decimals");
        } else {
          shareBp = percent.movePointRight(2).intValueExact();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        v.error("revenueShare.percent", "must be a number such as 20");
      }
      minimum = currencyOk ? money(v, (ObjectNode) rs, "minimum", currency) : null;
      if (minimum == null) {
        minimum = 0L;
      }
    }
    Map<String, Object> features = new LinkedHashMap<>();
    JsonNode f = d.path("features");
    if (!f.isMissingNode() && !f.isObject()) {
      v.error("features", "must be an object");
    } else if (f.isObject()) {
      f.fields().forEachRemaining(en -> {
        JsonNode val = en.getValue();
        if (val.isBoolean()) {
          features.put(en.getKey(), val.asBoolean());
        } else if (val.isTextual() && val.asText().length() <= 100) {
          features.put(en.getKey(), val.asText());
        } else if (val.isNumber()) {
          features.put(en.getKey(), val.numberValue());
        } else {
          v.error("features." + en.getKey(), "must be a boolean, a number or a short text");
        }
      });
    }
    boolean publicPlan = d.path("public").asBoolean(true);
    boolean archived = d.path("archived").asBoolean(false);
    return new Plan(id, version, name, price, currency, trialDays, limits, overage, shareBp, minimum, features,
        publicPlan, archived, position);
  }

  private static String text(JsonNode d, String field) {
    JsonNode n = d.path(field);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** A decimal amount (string or number) in minor units; null when absent. */
  private static Long money(Validator v, JsonNode d, String field, String currency) {
    JsonNode n = d.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    try {
      BigDecimal amount = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().strip());
      if (amount.signum() < 0) {
        v.error(field, "must not be negative");
        return null;
      }
      return Money.toMinor(amount, currency);
    } catch (NumberFormatException e) {
      v.error(field, "must be a decimal amount such as 497.00");
    } catch (ArithmeticException | IllegalArgumentException e) {
      v.error(field, "has more decimals than " + currency + " allows");
    }
    return null;
  }

  /** The plan as the API shows it. */
  public static ObjectNode json(Plan p) {
    return canonical(p);
  }

  /** The plan in the shape of the API (and of stored definitions). */
  static ObjectNode canonical(Plan p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", p.id());
    o.put("version", p.version());
    o.put("name", p.name());
    if (p.priceMinor() == null) {
      o.putNull("price");
    } else {
      o.put("price", Money.toDecimal(p.priceMinor(), p.currency()));
    }
    o.put("priceMinor", p.priceMinor());
    o.put("currency", p.currency());
    o.put("custom", p.custom());
    o.put("interval", "month");
    o.put("trialDays", p.trialDays());
    ObjectNode limits = o.putObject("limits");
    p.limits().forEach((k, val) -> {
      if (val == null) {
        limits.putNull(k.key());
      } else {
        limits.put(k.key(), val);
      }
    });
    if (p.overagePriceMinor() == null) {
      o.putNull("overagePrice");
    } else {
      o.put("overagePrice", Money.toDecimal(p.overagePriceMinor(), p.currency()));
    }
    if (p.revenueShareBp() != null) {
      ObjectNode rs = o.putObject("revenueShare");
      rs.put("percent", BigDecimal.valueOf(p.revenueShareBp(), 2).stripTrailingZeros().toPlainString());
      rs.put("minimum", Money.toDecimal(p.minimumMinor(), p.currency()));
    } else {
      o.putNull("revenueShare");
    }
    o.set("features", JSON.valueToTree(p.features()));
    o.put("public", p.publicPlan());
    o.put("archived", p.archived());
    return o;
  }
}
