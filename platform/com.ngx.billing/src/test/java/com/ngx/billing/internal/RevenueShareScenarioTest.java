package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.calc.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revenue-share plan: no monthly price; the renewal invoice carries, in arrears, 20% of the
 * revenue recorded as {@code revenue:USD} usage in the closed month, but at least 500.00.
 */
class RevenueShareScenarioTest {

  // Expected by hand: share = revenue × 20% rounded half to even; charged = max(share, 500.00);
  // the line names the minimum only when it is strictly above the share.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                                                first event, second event, share,  charged, minimum shown
      'no revenue: the minimum, 500.00',                     0,           0,            0,      50000,   true
      '1,000.00: 20% = 200.00, below the minimum',           60000,       40000,        20000,  50000,   true
      '2,499.99: 20% = 499.998 → 500.00, equal: no minimum', 200000,      49999,        50000,  50000,   false
      '2,500.00: 20% = 500.00 exactly',                      125000,      125000,       50000,  50000,   false
      '2,500.03: 20% = 500.006 → 500.01',                    250000,      3,            50001,  50001,   false
      '3,000.00: 20% = 600.00',                              100000,      200000,       60000,  60000,   false
      '12,345.67: 20% = 2,469.134 → 2,469.13',               1000000,     234567,       246913, 246913,  false
      """)
  void renewalCarriesTheShare(String description, long first, long second, long share, long charged,
      boolean minimumShown) {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID t = h.tenant("sharer");
      h.useCard(t);
      h.subscriptions.change(t, "revenue-share", "now");
      h.run();
      assertEquals("active", h.status(t));
      assertEquals(List.of(), h.issued(t), "no monthly price: nothing in advance");

      h.advanceTo("2026-03-20T00:00:00Z");
      List<UsageEvent> revenue = new ArrayList<>();
      if (first > 0) {
        revenue.add(new UsageEvent("conversion:1", "revenue:USD", first, Instant.parse("2026-03-10T12:00:00Z")));
      }
      if (second > 0) {
        revenue.add(new UsageEvent("conversion:2", "revenue:USD", second, Instant.parse("2026-03-19T12:00:00Z")));
      }
      // February's and another currency's revenue do not count for March in USD
      revenue.add(new UsageEvent("conversion:0", "revenue:USD", 999_999, Instant.parse("2026-02-27T12:00:00Z")));
      revenue.add(new UsageEvent("conversion:eur", "revenue:EUR", 500_000, Instant.parse("2026-03-15T12:00:00Z")));
      h.metering.record(h.context(t), revenue);

      h.runAt("2026-04-01T00:00:00Z");
      List<ObjectNode> issued = h.issued(t);
      assertEquals(1, issued.size());
      ObjectNode april = issued.get(0);
      assertEquals(1, april.path("lines").size(), "only the share: the plan has no price");
      List<JsonNode> shares = lines(april, "revenue_share");
      assertEquals(charged, shares.get(0).path("amountMinor").asLong());
      assertEquals(charged, april.path("totalMinor").asLong());
      String text = shares.get(0).path("description").asText();
      assertTrue(text.startsWith("20% of " + Money.format(first + second, "USD")
          + " revenue attributed to your agents in 2026-03"), text);
      assertEquals(minimumShown, text.endsWith("(monthly minimum USD 500.00)"), text);
      assertEquals(Math.max(share, 50_000), charged, "the table itself: charged = max(share, minimum)");
      assertEquals("paid", april.path("status").asText());
      h.requireReconciled(t, description);

      // a month without revenue: the minimum
      h.runAt("2026-05-01T00:00:00Z");
      assertEquals(50000, h.issued(t).get(1).path("totalMinor").asLong());
      h.requireReconciled(t, description + ", next month");
    }
  }

  @Test
  void afterATrialOnlyThePaidDaysCountAndTheMinimumIsProrated() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-07T00:00:00Z"), Map.of())) {
      UUID t = h.tenant("trialist");
      h.useCard(t);
      h.subscriptions.change(t, "revenue-share", "now");
      assertEquals("trialing", h.status(t), "a plan change during the trial keeps the trial (to 03-21)");
      h.metering.record(h.context(t), List.of(
          new UsageEvent("conversion:trial", "revenue:USD", 100_000, Instant.parse("2026-03-10T12:00:00Z")),
          new UsageEvent("conversion:paid", "revenue:USD", 50_000, Instant.parse("2026-03-25T12:00:00Z"))));
      h.runAt("2026-03-21T06:00:00Z");
      assertEquals("active", h.status(t));
      h.runAt("2026-04-01T06:00:00Z");
      ObjectNode april = h.issued(t).get(0);
      // paid days 03-21..03-31: 11 of 31; the trial's 1,000.00 does not count
      // share 20% × 500.00 = 100.00; minimum 500.00 × 11 / 31 = 177.419… → 177.42; charged 177.42
      assertEquals(17_742, april.path("totalMinor").asLong(), april.toString());
      String text = lines(april, "revenue_share").get(0).path("description").asText();
      assertTrue(text.startsWith("20% of USD 500.00 revenue"), text);
      h.requireReconciled(t, "trial month");
    }
  }
}
