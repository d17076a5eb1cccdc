package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.internal.mail.Mailer;
import com.ngx.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Billing's services wired as DS wires them, on a database of their own ({@link BillingDatabase}),
 * with a test clock that only the harness moves, and fakes for what other bundles provide: the
 * tenant registry ({@link FakeTenants}), a card provider whose answers tests script ({@link
 * ScriptedProvider}), the built-in bank transfer, the marketplace's charges ({@link
 * FakeChargeSource}) and an event listener that records ({@link RecordingEvents}). Automatic runs
 * are off: time passes when a test moves the clock and billing happens when it calls {@link #run()}.
 * Tests keep apart by using tenants of their own; one whose dates matter starts a harness of its own.
 */
public final class BillingHarness implements AutoCloseable {
  public final BillingDatabase db;
  public final TestableClock clock;
  public final BillingConfiguration config;
  public final FakeTenants tenants;
  public final RecordingEvents events = new RecordingEvents();
  public final ScriptedProvider card = new ScriptedProvider();
  public final FakeChargeSource marketplace = new FakeChargeSource();

  public final BillingStore store;
  public final Plans plans;
  public final Notifier notifier;
  public final Accounts accounts;
  public final Partners partners;
  public final Invoicing invoicing;
  public final Payments payments;
  public final Subscriptions subscriptions;
  public final MeteringService metering;
  public final EntitlementsService entitlements;
  public final SettlementsService settlements;
  public final Invoices invoices;
  public final InvoicePdfs pdfs;
  public final Usage usage;
  public final BillingRuns runs;
  public final BillingOperations operations;

  private BillingHarness(Instant start, Map<String, Object> configuration, Mailer mailer) {
    Map<String, Object> values = new HashMap<>();
    values.put("runIntervalSeconds", 0);
    values.putAll(configuration);
    config = TestConfigs.billing(values);
    db = BillingDatabase.create();
    clock = TestableClock.startingAt(start);
    tenants = new FakeTenants(clock);
    store = new BillingStore(db.unit(), db.transactions(), clock);
    plans = new Plans(store);
    notifier = new Notifier(store, mailer);
    notifier.addListener(events);
    accounts = new Accounts(store, plans, tenants, notifier, config);
    partners = new Partners(store, config);
    invoicing = new Invoicing(store, accounts, notifier, partners);
    payments = new Payments(store, accounts, invoicing, notifier, TestConfigs.configAdmin(Map.of()), config);
    payments.addProvider(new ManualProvider());
    payments.addProvider(card);
    payments.addAccounts(card);
    payments.addRefunds(card);
    payments.addWebhooks(card);
    subscriptions = new Subscriptions(store, accounts, plans, invoicing, notifier);
    subscriptions.addSource(marketplace);
    metering = new MeteringService(store, accounts, plans, notifier);
    entitlements = new EntitlementsService(store, accounts, plans);
    settlements = new SettlementsService(store);
    invoices = new Invoices(store, invoicing);
    pdfs = new InvoicePdfs(store, invoices, invoicing, accounts);
    usage = new Usage(store, accounts, plans, metering);
    runs = new BillingRuns(store, subscriptions, payments, notifier, config);
    operations = new BillingOperations(store, clock, runs, plans, accounts, subscriptions, invoicing, invoices, pdfs,
        payments, partners);
  }

  /** A harness whose clock starts at {@code start}, with the default configuration and mail off. */
  public static BillingHarness startingAt(Instant start) {
    return startingAt(start, Map.of());
  }

  /** A harness with these {@link BillingConfiguration} values (the others are defaults) and mail off. */
  public static BillingHarness startingAt(Instant start, Map<String, Object> configuration) {
    return startingAt(start, configuration, Mailer.of(
        new Mailer.Settings(false, "localhost", 25, "billing@localhost", null, null, null, false, 10_000)));
  }

  /** A harness that sends mail with {@code mailer}. */
  public static BillingHarness startingAt(Instant start, Map<String, Object> configuration, Mailer mailer) {
    return new BillingHarness(start, configuration, mailer);
  }

  // ---- tenants ----

  /**
   * Provisions a tenant named after its slug, with the billing email {@code billing@<slug>.example}:
   * its billing account starts its trial now.
   */
  public UUID tenant(String slug) {
    UUID t = tenantWithoutEmail(slug);
    billingDetails(t, "billing@" + slug + ".example", null);
    return t;
  }

  /** Provisions a tenant as the platform does: its billing account has no email yet. */
  public UUID tenantWithoutEmail(String slug) {
    Tenant t = tenants.add(UUID.randomUUID(), slug, slug.substring(0, 1).toUpperCase() + slug.substring(1) + " Ltd");
    accounts.provisioning(t);
    return t.id();
  }

  /** The tenant's context, as the platform hands it to services. */
  public TenantContext context(UUID tenant) {
    return tenants.get(tenant).orElseThrow().context();
  }

  /** Sets the account's billing email and country (null: left as is). */
  public void billingDetails(UUID tenant, String email, String country) {
    ObjectNode body = Plans.JSON.createObjectNode();
    if (email != null) {
      body.put("email", email);
    }
    if (country != null) {
      body.put("country", country);
    }
    accounts.update(tenant, body);
  }

  /** Makes the tenant pay by card (the scripted provider); open invoices are collected at once. */
  public SubscriptionView useCard(UUID tenant) {
    return payments.setPaymentMethod(tenant, ScriptedProvider.ID, "tok_visa", subscriptions);
  }

  // ---- time ----

  public Instant now() {
    return clock.instant();
  }

  /** Moves the clock forward to {@code at}. */
  public Instant advanceTo(Instant at) {
    Duration by = Duration.between(clock.instant(), at);
    return by.isZero() ? at : clock.advance(by);
  }

  /** Moves the clock forward to {@code at} (ISO-8601, e.g. {@code 2026-02-01T00:00:00Z}). */
  public Instant advanceTo(String at) {
    return advanceTo(Instant.parse(at));
  }

  /** A billing run now, with one worker. */
  public BillingRuns.Run run() {
    return runs.run(1);
  }

  /** Moves the clock to {@code at} and runs billing there. */
  public BillingRuns.Run runAt(String at) {
    advanceTo(at);
    return run();
  }

  // ---- what tests look at ----

  /** The tenant's ledger reconciliation ({@link Invoices#reconciliation}). */
  public ObjectNode reconciliation(UUID tenant) {
    return invoices.reconciliation(tenant);
  }

  /**
   * Throws unless the tenant's ledger sums to its open invoices' amounts due minus its credit
   * balance, to the cent.
   */
  public void requireReconciled(UUID tenant, String when) {
    ObjectNode r = reconciliation(tenant);
    long ledger = r.path("ledgerBalanceMinor").asLong();
    long due = r.path("openAmountDueMinor").asLong();
    long credit = r.path("creditBalanceMinor").asLong();
    if (!r.path("reconciled").asBoolean() || ledger != due - credit) {
      throw new AssertionError("Not reconciled " + when + ": ledger " + ledger + " != open due " + due
          + " - credit " + credit + "\n" + r.toPrettyString());
    }
  }

  /** The tenant's invoices and credit notes, drafts included, with lines and payments, oldest first. */
  public List<ObjectNode> invoices(UUID tenant) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode i : invoices.list(tenant, true, 0, 200).items()) {
      out.add(invoices.get(null, UUID.fromString(i.path("id").asText()), true));
    }
    out.sort(Comparator.comparing((ObjectNode i) -> i.path("issuedAt").asText(""))
        .thenComparing(i -> i.path("number").asText("")));
    return out;
  }

  /** The tenant's invoices (not credit notes) that have a number, by number. */
  public List<ObjectNode> issued(UUID tenant) {
    return invoices(tenant).stream()
        .filter(i -> "invoice".equals(i.path("kind").asText()) && !i.path("number").isNull())
        .sorted(Comparator.comparing(i -> i.path("number").asText()))
        .toList();
  }

  /** One invoice by id, with lines and payments. */
  public ObjectNode invoice(String id) {
    return invoices.get(null, UUID.fromString(id), true);
  }

  /** The subjects of the mails queued or sent to the tenant, oldest first. */
  public List<String> mailSubjects(UUID tenant) {
    return db.texts("select subject from bill_mail where tenant_id = ? order by created_at, id", tenant.toString());
  }

  /**
   * An amount of an invoice, line or payment in minor units, e.g. {@code minor(invoice, "tax")}
   * (the API shows decimals; every test currency has two).
   */
  public static long minor(JsonNode node, String field) {
    return node.path(field).decimalValue().movePointRight(2).longValueExact();
  }

  /** A JSON object from text, e.g. a request body. */
  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) Plans.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }

  /** The lines of an invoice of one kind, e.g. {@code proration_credit}. */
  public static List<JsonNode> lines(ObjectNode invoice, String kind) {
    List<JsonNode> out = new ArrayList<>();
    invoice.path("lines").forEach(l -> {
      if (l.path("kind").asText().equals(kind)) {
        out.add(l);
      }
    });
    return out;
  }

  /** How many of the tenant's mails have a subject containing {@code text}. */
  public long mails(UUID tenant, String text) {
    return mailSubjects(tenant).stream().filter(s -> s.contains(text)).count();
  }

  /** The tenant's subscription status. */
  public String status(UUID tenant) {
    return subscriptions.view(tenant).status();
  }

  @Override
  public void close() {
    runs.deactivate();
    payments.deactivate();
    db.close();
  }
}
