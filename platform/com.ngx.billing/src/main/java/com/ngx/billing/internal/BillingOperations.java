package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.calc.Money;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import com.ngx.rest.Validator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What operators and partners do with billing, validated, as the REST resources and shell need it. */
@Component(service = BillingOperations.class)
public final class BillingOperations {
  private final BillingStore store;
  private final TestableClock clock;
  private final BillingRuns runs;
  private final Plans plans;
  private final Accounts accounts;
  private final Subscriptions subscriptions;
  private final Invoicing invoicing;
  private final Invoices invoices;
  private final InvoicePdfs pdfs;
  private final Payments payments;
  private final Partners partners;

  @Activate
  public BillingOperations(
      @Reference BillingStore store,
      @Reference TestableClock clock,
      @Reference BillingRuns runs,
      @Reference Plans plans,
      @Reference Accounts accounts,
      @Reference Subscriptions subscriptions,
      @Reference Invoicing invoicing,
      @Reference Invoices invoices,
      @Reference InvoicePdfs pdfs,
      @Reference Payments payments,
      @Reference Partners partners) {
    this.store = store;
    this.clock = clock;
    this.runs = runs;
    this.plans = plans;
    this.accounts = accounts;
    this.subscriptions = subscriptions;
    this.invoicing = invoicing;
    this.invoices = invoices;
    this.pdfs = pdfs;
    this.payments = payments;
    this.partners = partners;
  }

  // ---- clock and runs ----

  public ObjectNode clock() {
    ObjectNode o = Plans.JSON.createObjectNode();
    o.put("now", clock.instant().toString());
    o.put("testClock", clock.testMode());
    o.put("offset", clock.offset().toString());
    return o;
  }

  public ObjectNode advance(JsonNode body) {
    if (!clock.testMode()) {
      throw ApiException.notFound("The test clock is off (start with ngx.billing.testClock=true)");
    }
    String text = body == null ? null : Accounts.text(body, "advance");
    Duration d;
    try {
      if (text == null) {
        throw new DateTimeParseException("missing", "", 0);
      }
      // P30D is a Period in ISO-8601; Duration.parse wants PT…, so accept both
      d = text.contains("T") ? Duration.parse(text) : Duration.ofDays(java.time.Period.parse(text).toTotalMonths() * 30
          + java.time.Period.parse(text).getDays());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("advance", "must be an ISO-8601 duration such as P30D or PT12H");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(3660)) > 0) {
      throw ApiException.invalid("advance", "must move forward, by at most 10 years");
    }
    clock.advance(d);
    return clock();
  }

  public BillingRuns.Run run(int threads) {
    return runs.run(threads);
  }

  public List<BillingRuns.Run> runs(int limit) {
    return runs.recent(limit);
  }

  // ---- plans ----

  public List<ObjectNode> plans() {
    return plans.list(true).stream().map(Plans::json).toList();
  }

  public ObjectNode savePlan(String id, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.invalid("body", "must be a plan object");
    }
    return Plans.json(plans.save(id, (ObjectNode) body));
  }

  // ---- subscriptions ----

  public ObjectNode subscription(UUID tenant) {
    return Views.subscription(subscriptions.view(tenant));
  }

  public ObjectNode override(UUID tenant, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.invalid("body", "must be an object");
    }
    Validator v = new Validator();
    String planId = Accounts.text(body, "planId");
    Long price = null;
    boolean clearPrice = body.has("price") && body.get("price").isNull();
    SubscriptionView current = subscriptions.view(tenant);
    if (body.hasNonNull("price")) {
      try {
        BigDecimal p = new BigDecimal(body.get("price").asText());
        v.require("price", p.signum() >= 0, "must not be negative");
        price = Money.toMinor(p, current.currency());
      } catch (NumberFormatException | ArithmeticException e) {
        v.error("price", "must be a decimal amount in " + current.currency());
      } catch (IllegalArgumentException e) {
        v.error("price", "has more decimals than " + current.currency() + " allows");
      }
    }
    String limits = null;
    if (body.has("limits")) {
      JsonNode l = body.get("limits");
      if (l.isNull()) {
        limits = "";
      } else if (!l.isObject()) {
        v.error("limits", "must be an object such as {\"activeAgents\": 50} or null");
      } else {
        for (var it = l.fields(); it.hasNext(); ) {
          var en = it.next();
          boolean known = false;
          for (com.ngx.billing.Limit k : com.ngx.billing.Limit.values()) {
            known |= k.key().equals(en.getKey());
          }
          v.require("limits." + en.getKey(), known, "is not a limit");
          v.require("limits." + en.getKey(), en.getValue().isNull() || (en.getValue().canConvertToLong()
              && en.getValue().asLong() >= 0), "must be a whole number of 0 or more, or null for unlimited");
        }
        limits = l.toString();
      }
    }
    v.throwIfInvalid();
    if (body.has("taxExempt")) {
      boolean exempt = body.get("taxExempt").asBoolean();
      store.tx(em -> {
        AccountEntity a = accounts.ensure(em, tenant);
        em.find(AccountEntity.class, a.tenantId, LockModeType.PESSIMISTIC_WRITE).taxExempt = exempt ? 1 : 0;
        return null;
      });
    }
    return Views.subscription(subscriptions.override(tenant, planId, price, limits, clearPrice));
  }

  // ---- invoices ----

  public Page<ObjectNode> invoices(UUID tenant, int offset, int limit) {
    return invoices.list(tenant, true, offset, limit);
  }

  public ObjectNode invoice(UUID id) {
    return invoices.get(null, id, true);
  }

  public InvoicePdfs.Rendered pdf(UUID id) {
    return pdfs.render(null, id);
  }

  public ObjectNode draft(UUID tenant, JsonNode body) {
    JsonNode lines = body == null ? null : body.get("lines");
    Validator v = new Validator();
    v.require("lines", lines != null && lines.isArray() && lines.size() >= 1 && lines.size() <= 100,
        "must be a list of 1 to 100 lines");
    v.throwIfInvalid();
    String currency = subscriptions.view(tenant).currency();
    List<LineDraft> drafts = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      JsonNode l = lines.get(k);
      String field = "lines[" + k + "]";
      String description = Accounts.text(l, "description");
      v.require(field + ".description", description != null && !description.isBlank() && description.length() <= 500,
          "is required, at most 500 characters");
      long quantity = l.path("quantity").asLong(1);
      v.require(field + ".quantity", quantity >= 1 && quantity <= 1_000_000, "must be between 1 and 1,000,000");
      Long unit = null;
      try {
        unit = Money.toMinor(new BigDecimal(l.path("amount").asText()), currency);
      } catch (RuntimeException e) {
        v.error(field + ".amount", "must be a decimal amount in " + currency + ", e.g. 150.00");
      }
      if (unit != null && description != null) {
        drafts.add(new LineDraft("adjustment", description.strip(), quantity, unit, Math.multiplyExact(quantity, unit),
            null, null, null, null));
      }
    }
    v.throwIfInvalid();
    return store.tx(em -> {
      AccountEntity a = accounts.ensure(em, tenant);
      InvoiceEntity i = invoicing.create(em, a, "manual", YearMonth.from(store.utcNow()).toString(), drafts, null, false);
      return invoices.json(em, i, true);
    });
  }

  public ObjectNode finalizeInvoice(UUID id) {
    store.tx(em -> {
      InvoiceEntity i = invoices.find(em, null, id.toString(), true);
      invoicing.open(em, em.find(InvoiceEntity.class, i.id, LockModeType.PESSIMISTIC_WRITE));
      return null;
    });
    payments.collect(id);
    return invoices.get(null, id, true);
  }

  public ObjectNode voidInvoice(UUID id, JsonNode body) {
    store.tx(em -> {
      InvoiceEntity i = invoices.find(em, null, id.toString(), true);
      invoicing.voidInvoice(em, em.find(InvoiceEntity.class, i.id, LockModeType.PESSIMISTIC_WRITE), memo(body));
      return null;
    });
    return invoices.get(null, id, true);
  }

  public ObjectNode uncollectible(UUID id, JsonNode body) {
    store.tx(em -> {
      InvoiceEntity i = invoices.find(em, null, id.toString(), true);
      invoicing.uncollectible(em, em.find(InvoiceEntity.class, i.id, LockModeType.PESSIMISTIC_WRITE), memo(body));
      return null;
    });
    return invoices.get(null, id, true);
  }

  public ObjectNode manualPayment(UUID id, JsonNode body) {
    ObjectNode inv = invoices.get(null, id, true);
    String currency = inv.path("currency").asText();
    long amount;
    try {
      amount = body == null || !body.hasNonNull("amount") ? inv.path("amountDueMinor").asLong()
          : Money.toMinor(new BigDecimal(body.get("amount").asText()), currency);
    } catch (RuntimeException e) {
      throw ApiException.invalid("amount", "must be a decimal amount in " + currency);
    }
    String reference = body == null ? null : Accounts.text(body, "reference");
    payments.recordManualPayment(id, amount, reference == null ? "bank transfer" : reference);
    return invoices.get(null, id, true);
  }

  public ObjectNode collect(UUID id) {
    String status = payments.collect(id);
    ObjectNode o = invoices.get(null, id, true);
    o.put("collection", status == null ? "nothing to collect" : status);
    return o;
  }

  public ObjectNode refund(UUID id, JsonNode body) {
    List<String> lineIds = new ArrayList<>();
    if (body != null && body.has("lineIds")) {
      if (!body.get("lineIds").isArray()) {
        throw ApiException.invalid("lineIds", "must be a list of line ids");
      }
      body.get("lineIds").forEach(n -> lineIds.add(n.asText()));
    }
    Long amount = null;
    if (body != null && body.hasNonNull("amount")) {
      String currency = invoices.get(null, id, true).path("currency").asText();
      try {
        amount = Money.toMinor(new BigDecimal(body.get("amount").asText()), currency);
      } catch (RuntimeException e) {
        throw ApiException.invalid("amount", "must be a decimal amount in " + currency);
      }
    }
    if (lineIds.isEmpty() && amount == null) {
      throw ApiException.invalid("lineIds", "give the lines to refund, or an amount");
    }
    InvoiceEntity c = payments.refund(id, lineIds.isEmpty() ? null : lineIds, amount, memo(body));
    return invoices.get(null, UUID.fromString(c.id), true);
  }

  public ObjectNode ledger(UUID tenant) {
    return invoices.reconciliation(tenant);
  }

  private static String memo(JsonNode body) {
    String m = body == null ? null : Accounts.text(body, "memo");
    if (m != null && m.length() > 1000) {
      throw ApiException.invalid("memo", "must be at most 1000 characters");
    }
    return m;
  }

  // ---- tax and issuers ----

  public List<ObjectNode> taxRates() {
    return store.tx(em -> em.createQuery("select t from TaxRateEntity t order by t.country", TaxRateEntity.class)
        .getResultList().stream().map(BillingOperations::json).toList());
  }

  public ObjectNode setTaxRate(String country, JsonNode body) {
    String c = country == null ? "" : country.toUpperCase(Locale.ROOT);
    Validator v = new Validator();
    v.require("country", c.matches("[A-Z]{2}") && java.util.Arrays.asList(Locale.getISOCountries()).contains(c),
        "must be an ISO 3166-1 alpha-2 country code");
    String name = body == null ? null : Accounts.text(body, "name");
    v.requireText("name", name, 60);
    BigDecimal rate = null;
    try {
      rate = new BigDecimal(body == null ? "" : body.path("ratePercent").asText()).stripTrailingZeros();
      v.require("ratePercent", rate.signum() >= 0 && rate.compareTo(BigDecimal.valueOf(100)) <= 0
          && Math.max(0, rate.scale()) <= 4, "must be between 0 and 100 with at most 4 decimals");
    } catch (NumberFormatException e) {
      v.error("ratePercent", "must be a number such as 21");
    }
    v.throwIfInvalid();
    BigDecimal r = rate.setScale(4);
    return store.tx(em -> {
      TaxRateEntity t = em.find(TaxRateEntity.class, c);
      if (t == null) {
        t = new TaxRateEntity();
        t.country = c;
        em.persist(t);
      }
      t.name = name.strip();
      t.ratePercent = r;
      t.updatedAt = store.utcNow();
      return json(t);
    });
  }

  static ObjectNode json(TaxRateEntity t) {
    ObjectNode o = Plans.JSON.createObjectNode();
    o.put("country", t.country);
    o.put("name", t.name);
    o.put("ratePercent", t.ratePercent.stripTrailingZeros().toPlainString());
    return o;
  }

  public ObjectNode saveIssuer(String id, JsonNode body) {
    Validator v = new Validator();
    v.require("id", id != null && id.matches("[a-z][a-z0-9-]{1,39}"), "must be 2-40 lowercase letters, digits, hyphens");
    String name = body == null ? null : Accounts.text(body, "name");
    v.requireText("name", name, 200);
    String colour = body == null ? null : Accounts.text(body, "colour");
    v.require("colour", colour == null || colour.matches("#[0-9A-Fa-f]{6}"), "must be #RRGGBB");
    String prefix = body == null ? null : Accounts.text(body, "numberPrefix");
    v.require("numberPrefix", prefix == null || prefix.matches("[A-Z0-9]{1,12}"), "must be 1-12 capital letters or digits");
    String address = body == null ? null : Accounts.text(body, "address");
    v.require("address", address == null || address.length() <= 1000, "must be at most 1000 characters");
    v.throwIfInvalid();
    return store.tx(em -> {
      IssuerEntity i = em.find(IssuerEntity.class, id);
      if (i == null) {
        i = new IssuerEntity();
        i.id = id;
        i.createdAt = store.utcNow();
        i.colour = "#1F4FD8";
        i.address = "";
        i.numberPrefix = id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        em.persist(i);
      } else if (prefix != null && !prefix.equals(i.numberPrefix)) {
        throw ApiException.conflict("numberPrefix", "cannot change once invoices were numbered with it");
      }
      i.name = name.strip();
      if (address != null) {
        i.address = address.strip();
      }
      if (colour != null) {
        i.colour = colour.toUpperCase(Locale.ROOT);
      }
      if (prefix != null) {
        i.numberPrefix = prefix;
      }
      i.taxId = body.hasNonNull("taxId") ? body.get("taxId").asText() : i.taxId;
      i.email = body.hasNonNull("email") ? body.get("email").asText() : i.email;
      ObjectNode o = Plans.JSON.createObjectNode();
      o.put("id", i.id);
      o.put("name", i.name);
      o.put("address", i.address);
      o.put("taxId", i.taxId);
      o.put("email", i.email);
      o.put("colour", i.colour);
      o.put("numberPrefix", i.numberPrefix);
      return o;
    });
  }

  // ---- partners ----

  public List<ObjectNode> partners() {
    return partners.list().stream().map(p -> (ObjectNode) Plans.JSON.valueToTree(p)).toList();
  }

  public ObjectNode partner(UUID id) {
    return Plans.JSON.valueToTree(partners.get(id));
  }

  public ObjectNode createPartner(JsonNode body) {
    if (body == null) {
      throw ApiException.invalid("name", "is required");
    }
    Integer first = body.hasNonNull("firstYearBasisPoints") ? body.get("firstYearBasisPoints").asInt() : null;
    Integer later = body.hasNonNull("laterBasisPoints") ? body.get("laterBasisPoints").asInt() : null;
    return Plans.JSON.valueToTree(partners.create(Accounts.text(body, "name"), Accounts.text(body, "email"), first, later));
  }

  public ObjectNode partnerKey(UUID id, JsonNode body) {
    String name = body == null ? "partner" : Accounts.text(body, "name");
    return Plans.JSON.valueToTree(partners.createKey(id, name == null ? "partner" : name));
  }

  public ObjectNode assignPartner(UUID tenant, JsonNode body) {
    String p = body == null ? null : Accounts.text(body, "partnerId");
    UUID partner;
    try {
      partner = UUID.fromString(p);
    } catch (RuntimeException e) {
      throw ApiException.invalid("partnerId", "must be a partner id");
    }
    partners.assign(partner, tenant, accounts);
    return accounts.json(tenant);
  }

  public List<ObjectNode> clients(UUID partner) {
    List<ObjectNode> out = new ArrayList<>();
    Partners.Partner p = partners.get(partner);
    LocalDate today = store.utcNow().toLocalDate();
    for (Map.Entry<UUID, LocalDate> c : partners.clients(partner).entrySet()) {
      SubscriptionView s = subscriptions.view(c.getKey());
      ObjectNode o = Plans.JSON.createObjectNode();
      o.put("tenantId", c.getKey().toString());
      o.put("since", c.getValue().toString());
      o.put("plan", s.plan());
      o.put("status", s.status());
      o.put("commissionBasisPoints", com.ngx.billing.internal.calc.Commissions.rateBp(c.getValue(), today,
          p.firstYearBasisPoints(), p.laterBasisPoints()));
      out.add(o);
    }
    return out;
  }

  public ObjectNode partnerStatement(UUID partner, String period) {
    YearMonth month;
    try {
      month = YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("period", "must be a month as YYYY-MM");
    }
    Partners.Statement s = partners.statement(partner, month);
    ObjectNode o = Plans.JSON.valueToTree(s);
    ObjectNode totals = o.putObject("totalsDecimal");
    s.totals().forEach((cur, minor) -> totals.put(cur, Money.toDecimal(minor, cur)));
    return o;
  }
}
