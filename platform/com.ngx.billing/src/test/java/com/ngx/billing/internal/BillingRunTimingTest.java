package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A billing run over many tenants at once, with one and with four workers: every tenant is invoiced
 * and collected once, the numbers stay gapless under concurrency, a second run bills nothing, and
 * the time it took is printed (the bench reuses this harness for real figures).
 */
class BillingRunTimingTest {
  private static final int TENANTS = 150;

  @ParameterizedTest(name = "{0} worker(s)")
  @CsvSource({"1", "4"})
  void aRunOverManyTenants(int threads) {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      long t0 = System.nanoTime();
      List<UUID> tenants = new ArrayList<>();
      for (int k = 0; k < TENANTS; k++) {
        UUID t = h.tenant("tenant" + k);
        h.useCard(t);
        tenants.add(t);
      }
      long provisioned = System.nanoTime();

      // the first month of each: 150 invoices opened and paid
      BillingRuns.Run first = h.runs.run(threads);
      long firstRun = System.nanoTime();
      assertEquals("succeeded", first.status(), first.message());
      assertEquals(TENANTS, first.tenants());
      assertEquals(TENANTS, first.invoices());
      assertEquals(TENANTS, first.payments());
      BillingRuns.Run again = h.runs.run(threads);
      assertEquals(0, again.invoices(), "idempotent");

      // a month later: the renewals
      h.advanceTo("2026-04-01T00:00:00Z");
      long r0 = System.nanoTime();
      BillingRuns.Run renewal = h.runs.run(threads);
      long renewed = System.nanoTime();
      assertEquals("succeeded", renewal.status(), renewal.message());
      assertEquals(TENANTS, renewal.invoices());

      Set<String> numbers = new HashSet<>(h.db.texts("select number from bill_invoice"));
      assertEquals(2 * TENANTS, numbers.size());
      for (int n = 1; n <= 2 * TENANTS; n++) {
        assertEquals(true, numbers.contains(String.format("NGX-%06d", n)), "no gap at " + n);
      }
      assertEquals(2 * TENANTS, h.db.number("select count(*) from bill_invoice where status = 'paid'"));
      for (UUID t : tenants.subList(0, 10)) {
        h.requireReconciled(t, "after the runs");
      }
      System.out.printf("billing run, %d tenants, %d worker(s): provisioning %d ms, first run %d ms, renewal run %d ms"
              + " (%.1f ms per tenant)%n", TENANTS, threads, ms(t0, provisioned), ms(provisioned, firstRun),
          ms(r0, renewed), (double) ms(r0, renewed) / TENANTS);
    }
  }
  @Test
  void firstInvoicesOfAnIssuerWithConcurrentWorkers() {
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      for (int k = 0; k < 40; k++) {
        h.tenant("tenant" + k);
      }
      BillingRuns.Run first = h.runs.run(4);
      assertEquals("succeeded", first.status(), first.message());
      assertEquals(40, first.invoices());
    }
  }

  private static long ms(long from, long to) {
    return Duration.ofNanos(to - from).toMillis();
  }
}
