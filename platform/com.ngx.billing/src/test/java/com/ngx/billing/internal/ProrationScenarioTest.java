package com.ngx.billing.internal;

import static com.ngx.billing.internal.BillingHarness.lines;
import static com.ngx.billing.internal.BillingHarness.minor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plan changes with {@code when=now} through {@link Subscriptions#change}: the unused days of the old
 * price are credited and the remaining days of the new price charged, each rounded half to even, on
 * an invoice of its own that is collected at once (or, when the net is a credit, put on the credit
 * balance).
 */
class ProrationScenarioTest {

  private static String name(String plan) {
    return plan.substring(0, 1).toUpperCase() + plan.substring(1);
  }

  // Expected by hand: credit = old price × remaining / days, charge = new price × remaining / days,
  // each rounded half to even; prices Starter 497.00, Growth 1,497.00, Scale 3,997.00, Freemium 0.
  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case (credit; charge),                         month,      from,    to,       change day, left, days, credit, charge
      'mid-March: 1497×16/31=772.645; 3997×16/31',     2026-03-01, growth,  scale,    2026-03-16, 16,   31,   77265,  206297
      'April down: 3997×20/30=2664.667; 1497×20/30',   2026-04-01, scale,   growth,   2026-04-11, 20,   30,   266467, 99800
      'first day: all 31 days, the full prices',       2026-03-01, growth,  scale,    2026-03-01, 31,   31,   149700, 399700
      'last day: 1497/31=48.290; 3997/31=128.935',     2026-03-01, growth,  scale,    2026-03-31, 1,    31,   4829,   12894
      'February 2026 (28 days): 14/28, exactly half',  2026-02-01, growth,  scale,    2026-02-15, 14,   28,   74850,  199850
      'leap February: 1497×15/29=774.310; 3997×15/29', 2028-02-01, growth,  scale,    2028-02-15, 15,   29,   77431,  206741
      '28 February: 3997/28=142.75; 497/28=17.75',     2026-02-01, scale,   starter,  2026-02-28, 1,    28,   14275,  1775
      '29 February: 497/29=17.138; 3997/29=137.828',   2028-02-01, starter, scale,    2028-02-29, 1,    29,   1714,   13783
      'June: 497×21/30=347.90; 1497×21/30=1047.90',    2026-06-01, starter, growth,   2026-06-10, 21,   30,   34790,  104790
      'to the free plan: 1497×10/30=499.00; nothing',  2026-04-01, growth,  freemium, 2026-04-21, 10,   30,   49900,  0
      """)
  void changeNow(String description, LocalDate month, String from, String to, LocalDate changeDay, long left,
      long days, long credit, long charge) {
    // no trial: the tenant pays for the whole month from its first day
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse(month + "T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID t = h.tenant("prorated");
      h.useCard(t);
      if (!from.equals("growth")) {
        h.subscriptions.change(t, from, "now");
      }
      h.run();
      assertEquals("active", h.status(t));
      assertEquals(1, h.issued(t).size());

      h.advanceTo(changeDay + "T12:00:00Z");
      SubscriptionView v = h.subscriptions.change(t, to, "now");
      assertEquals(to, v.plan());

      List<ObjectNode> issued = h.issued(t);
      assertEquals(2, issued.size());
      ObjectNode change = issued.get(1);
      assertEquals("plan_change", change.path("reason").asText());
      List<JsonNode> credits = lines(change, "proration_credit");
      List<JsonNode> charges = lines(change, "proration_charge");
      String part = " (" + left + " of " + days + " days)";
      assertEquals(credit > 0 ? 1 : 0, credits.size());
      assertEquals(charge > 0 ? 1 : 0, charges.size());
      if (credit > 0) {
        assertEquals(-credit, credits.get(0).path("amountMinor").asLong());
        assertEquals("Unused time on " + name(from) + part, credits.get(0).path("description").asText());
        assertEquals(changeDay.toString(), credits.get(0).path("periodStart").asText());
        assertEquals(month.plusMonths(1).toString(), credits.get(0).path("periodEnd").asText());
      }
      if (charge > 0) {
        assertEquals(charge, charges.get(0).path("amountMinor").asLong());
        assertEquals("Remaining time on " + name(to) + part, charges.get(0).path("description").asText());
      }
      long net = charge - credit;
      assertEquals(net, minor(change, "subtotal"));
      assertEquals(net, change.path("totalMinor").asLong(), "no tax without a country");
      assertEquals("paid", change.path("status").asText());
      if (net > 0) {
        assertEquals(net, minor(change, "amountPaid"), "collected by card at once");
        assertEquals(0, v.creditBalanceMinor());
      } else {
        assertEquals(0, minor(change, "amountPaid"));
        assertEquals(-net, h.subscriptions.view(t).creditBalanceMinor(), "the net credit waits on the balance");
      }
      h.requireReconciled(t, description);
    }
  }

  @Test
  void periodEndChangesNothingUntilTheMonthEnds() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      UUID t = h.tenant("later");
      h.useCard(t);
      h.run();
      h.advanceTo("2026-03-16T00:00:00Z");
      SubscriptionView v = h.subscriptions.change(t, "scale", "period_end");
      assertEquals("growth", v.plan());
      assertEquals("scale", v.nextPlan());
      assertEquals(1, h.issued(t).size(), "no proration invoice");
      // April is Scale's, in full: 3,997.00
      h.runAt("2026-04-01T00:00:00Z");
      ObjectNode april = h.issued(t).get(1);
      assertEquals(399700, april.path("totalMinor").asLong());
      assertEquals("Scale plan, 2026-04-01 to 2026-04-30", lines(april, "plan").get(0).path("description").asText());
      h.requireReconciled(t, "after the change");
    }
  }

  @Test
  void aChangeDuringTheTrialSwitchesAtOnceWithoutAnInvoice() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"))) {
      UUID t = h.tenant("trialist");
      h.useCard(t);
      h.advanceTo("2026-01-15T00:00:00Z");
      SubscriptionView v = h.subscriptions.change(t, "scale", "period_end");
      assertEquals("scale", v.plan(), "in a trial the plan changes at once, whatever when says");
      assertEquals("trialing", v.status());
      assertEquals(List.of(), h.invoices(t));
      // the trial ends on 01-24: Scale for 8 of January's 31 days: 3,997.00 × 8/31 = 1,031.48387… → 1,031.48
      h.runAt("2026-01-24T00:00:00Z");
      assertEquals(103148, h.issued(t).get(0).path("totalMinor").asLong());
      assertTrue(h.issued(t).get(0).path("lines").get(0).path("description").asText().startsWith("Scale plan"));
    }
  }

  @Test
  void upgradeInTheFirstPartialMonthAfterATrial() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"))) {
      UUID t = h.tenant("early");
      h.useCard(t);
      // trial until 01-24, then 1,497.00 × 8/31 = 386.32 for 24th–31st
      h.runAt("2026-01-24T00:00:00Z");
      assertEquals(38632, h.issued(t).get(0).path("totalMinor").asLong());
      // 01-28: 4 of the month's 31 days are left (28th–31st)
      h.advanceTo("2026-01-28T00:00:00Z");
      h.subscriptions.change(t, "scale", "now");
      ObjectNode change = h.issued(t).get(1);
      // credit 1,497.00 × 4/31 = 193.16129 → 193.16 (half of the 386.32 paid for 8 days, to the cent)
      assertEquals(-19316, lines(change, "proration_credit").get(0).path("amountMinor").asLong());
      // charge 3,997.00 × 4/31 = 515.74193 → 515.74
      assertEquals(51574, lines(change, "proration_charge").get(0).path("amountMinor").asLong());
      assertEquals("Unused time on Growth (4 of 31 days)",
          lines(change, "proration_credit").get(0).path("description").asText());
    }
  }
}
