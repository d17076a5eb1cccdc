package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.json;
import static com.ngx.billing.internal.BillingHarness.lines;
import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.Admission;
import com.ngx.billing.Limit;
import com.ngx.billing.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversations over the plan's monthly limit: billed in arrears at the plan's overage price on the
 * next renewal, or, on a plan without one (freemium), refused once the limit is reached.
 */
class OverageScenarioTest {
  private static BillingHarness shared;

  @BeforeAll
  static void start() {
    shared = BillingHarness.startingAt(Instant.parse("2026-06-03T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  /** {@code count} conversations of the tenant at {@code at}: one event with the bulk and one more. */
  private static void conversations(BillingHarness h, UUID tenant, long count, Instant at) {
    String batch = "conversation:" + UUID.randomUUID() + ":";
    List<UsageEvent> events = count == 1
        ? List.of(new UsageEvent(batch + "last", UsageEvent.CONVERSATION, 1, at))
        : List.of(new UsageEvent(batch + "bulk", UsageEvent.CONVERSATION, count - 1, at),
            new UsageEvent(batch + "last", UsageEvent.CONVERSATION, 1, at));
    assertEquals(events.size(), h.metering.record(h.context(tenant), events));
  }

  // Expected by hand: over = used − limit; amount = over × the plan's overage price.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                             plan,    price,  used,  limit, over, unit, overage
      'growth, 5,003 of 5,000: 3 × 0.40 = 1.20',          growth,  149700, 5003,  5000,  3,    40,   120
      'growth exactly at its limit: no overage line',     growth,  149700, 5000,  5000,  0,    40,   0
      'starter, 1,250 of 1,000: 250 × 0.60 = 150.00',     starter, 49700,  1250,  1000,  250,  60,   15000
      'starter, one over: 1 × 0.60',                      starter, 49700,  1001,  1000,  1,    60,   60
      'scale, 20,001 of 20,000: 1 × 0.25',                scale,   399700, 20001, 20000, 1,    25,   25
      'growth, 12,345 of 5,000: 7,345 × 0.40 = 2,938.00', growth,  149700, 12345, 5000,  7345, 40,   293800
      """)
  void overageOnTheNextRenewal(String description, String plan, long price, long used, long limit, long over,
      long unit, long overage) {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID t = h.tenant("busy");
      h.useCard(t);
      if (!plan.equals("growth")) {
        h.subscriptions.change(t, plan, "now");
      }
      h.run();
      h.advanceTo("2026-03-25T00:00:00Z");
      conversations(h, t, used, h.now());
      assertEquals(true, h.entitlements.admitConversation(h.context(t)).allowed(), "an overage price: no hard stop");

      h.runAt("2026-04-01T00:00:00Z");
      ObjectNode april = h.issued(t).get(1);
      List<JsonNode> lines = lines(april, "overage");
      assertEquals(over > 0 ? 1 : 0, lines.size());
      if (over > 0) {
        JsonNode line = lines.get(0);
        assertEquals(over, line.path("quantity").asLong());
        assertEquals(unit, minor(line, "unitAmount"));
        assertEquals(overage, line.path("amountMinor").asLong());
        assertEquals("2026-03-01", line.path("periodStart").asText(), "in arrears: March's usage");
        assertEquals("2026-04-01", line.path("periodEnd").asText());
        assertEquals(true, line.path("description").asText().startsWith("Conversations over the " + limit
            + " included in 2026-03 (" + over + " × USD "), line.path("description").asText());
      }
      assertEquals(price + overage, april.path("totalMinor").asLong(), "April's price in advance + March's overage");
      assertEquals("paid", april.path("status").asText());
      h.requireReconciled(t, description);

      // April used nothing: May has the price only
      h.runAt("2026-05-01T00:00:00Z");
      assertEquals(price, h.issued(t).get(2).path("totalMinor").asLong());
    }
  }

  // Expected: refused only on a plan without overage price once used ≥ limit; the state comes first.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                         plan,          used,   allowed, code,           limit
      'freemium, 99 of 100: allowed',                 freemium,      99,     true,    ,               100
      'freemium, 100 of 100: the hard stop',          freemium,      100,    false,   quota_exceeded, 100
      'freemium, 150 recorded anyway: still refused', freemium,      150,    false,   quota_exceeded, 100
      'growth, over its limit: overage, allowed',     growth,        6000,   true,    ,               5000
      'revenue share: unlimited conversations',       revenue-share, 100000, true,    ,
      'enterprise: unlimited',                        enterprise,    100000, true,    ,
      """)
  void admitConversation(String description, String plan, long used, boolean allowed, String code, Long limit) {
    UUID t = shared.tenant("admitted");
    shared.subscriptions.change(t, plan, "now");
    conversations(shared, t, used, shared.now());
    Admission a = shared.entitlements.admitConversation(shared.context(t));
    assertEquals(allowed, a.allowed(), description);
    assertEquals(code, a.code());
    assertEquals(limit, a.limit());
    assertEquals(used, a.used());
  }

  @Test
  void freemiumStopsAtItsLimitAndStartsAgainNextMonth() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-06-10T00:00:00Z"))) {
      UUID t = h.tenant("free");
      h.subscriptions.change(t, "freemium", "now");
      conversations(h, t, 99, h.now());
      assertEquals(true, h.entitlements.admitConversation(h.context(t)).allowed());
      conversations(h, t, 1, h.now());
      Admission stop = h.entitlements.admitConversation(h.context(t));
      assertEquals(Admission.QUOTA_EXCEEDED, stop.code());
      assertEquals(100, stop.used());
      // a notice and mail at 80% and at 100%; no overage is ever invoiced on freemium
      assertEquals(1, h.mails(t, "you have reached your conversations per month limit for 2026-06"));
      assertEquals(true, h.entitlements.platformBrandingRequired(h.context(t)));
      h.runAt("2026-07-01T00:00:00Z");
      assertEquals(List.of(), h.issued(t));
      Admission july = h.entitlements.admitConversation(h.context(t));
      assertEquals(true, july.allowed(), "a new month");
      assertEquals(0, july.used());
    }
  }

  @Test
  void anOperatorsLimitOverrideReplacesThePlans() {
    UUID t = shared.tenant("overridden");
    shared.subscriptions.change(t, "freemium", "now");
    shared.operations.override(t, json("{\"limits\": {\"conversationsPerMonth\": 10}}"));
    conversations(shared, t, 10, shared.now());
    Admission a = shared.entitlements.admitConversation(shared.context(t));
    assertEquals(Admission.QUOTA_EXCEEDED, a.code());
    assertEquals(10L, a.limit());
    // and "null" makes it unlimited
    shared.operations.override(t, json("{\"limits\": {\"conversationsPerMonth\": null}}"));
    Admission unlimited = shared.entitlements.admitConversation(shared.context(t));
    assertEquals(true, unlimited.allowed());
    assertNull(unlimited.limit());
    assertEquals(true, shared.entitlements.admit(shared.context(t), Limit.ACTIVE_AGENTS, 1).allowed());
    assertEquals(Admission.QUOTA_EXCEEDED, shared.entitlements.admit(shared.context(t), Limit.ACTIVE_AGENTS, 2).code());
  }
}
