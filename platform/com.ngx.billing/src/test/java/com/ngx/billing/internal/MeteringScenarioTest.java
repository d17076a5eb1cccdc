package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.event.DomainEvent;
import com.ngx.api.event.EventTypes;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage metering exactly once per (tenant, event id), whoever delivers it and however often; totals
 * per month; the 80% and 100% warnings of the monthly conversation limit once per month.
 */
class MeteringScenarioTest {
  private BillingHarness h;

  @BeforeEach
  void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-06-02T08:00:00Z"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static List<UsageEvent> conversations(String prefix, int from, int to, Instant at) {
    List<UsageEvent> out = new ArrayList<>();
    for (int k = from; k < to; k++) {
      out.add(new UsageEvent(prefix + k, UsageEvent.CONVERSATION, 1, at));
    }
    return out;
  }

  private long conversationsOf(UUID t, String period) {
    return h.metering.totals(t, period).getOrDefault(UsageEvent.CONVERSATION, 0L);
  }

  @Test
  void theSameIdsCountOnce() {
    UUID t = h.tenant("metered");
    TenantContext c = h.context(t);
    assertEquals(3, h.metering.record(c, conversations("conversation:", 0, 3, h.now())));
    // a replay after a crash, with one event more
    assertEquals(1, h.metering.record(c, conversations("conversation:", 0, 4, h.now())));
    assertEquals(0, h.metering.record(c, conversations("conversation:", 0, 4, h.now())));
    // twice in one batch counts once too
    List<UsageEvent> twice = List.of(new UsageEvent("conversation:x", UsageEvent.CONVERSATION, 1, h.now()),
        new UsageEvent("conversation:x", UsageEvent.CONVERSATION, 1, h.now()));
    assertEquals(1, h.metering.record(c, twice));
    assertEquals(5, conversationsOf(t, "2026-06"));
    assertEquals(5, h.db.number("select count(*) from bill_usage where tenant_id = ?", t.toString()));
    // another tenant's identical ids are its own
    UUID other = h.tenant("neighbour");
    assertEquals(4, h.metering.record(h.context(other), conversations("conversation:", 0, 4, h.now())));
    assertEquals(5, conversationsOf(t, "2026-06"));
    ObjectNode report = h.usage.report(t, "2026-06", 0, 50);
    assertEquals(5, report.path("conversations").path("counted").asLong());
    assertEquals(5000, report.path("conversations").path("limit").asLong());
  }

  /** Records as an outbox does: again until it returns, and how many were new in the call that returned. */
  private int deliver(TenantContext c, List<UsageEvent> events) {
    PersistenceException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return h.metering.record(c, events);
      } catch (PersistenceException e) {
        last = e;
      }
    }
    throw last;
  }

  @Test
  void fourConcurrentDeliveriesOfTheSameEventsCountOnce() throws Exception {
    UUID t = h.tenant("raced");
    TenantContext c = h.context(t);
    // each thread delivers an overlapping window of 0..499: [0,200), [100,300), [200,400), [300,500)
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      int from = k * 100;
      results.add(pool.submit(() -> {
        go.await();
        return deliver(c, conversations("conversation:", from, from + 200, h.now()));
      }));
    }
    // and each thread delivers the same full batch once more, concurrently
    for (int k = 0; k < 4; k++) {
      results.add(pool.submit(() -> {
        go.await();
        return deliver(c, conversations("conversation:", 0, 500, h.now()));
      }));
    }
    go.countDown();
    int recorded = 0;
    for (Future<Integer> f : results) {
      recorded += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(500, recorded, "each id was new in exactly one delivery");
    assertEquals(500, conversationsOf(t, "2026-06"));
    assertEquals(500, h.db.number("select count(*) from bill_usage where tenant_id = ?", t.toString()));
    assertEquals(500, h.db.number("select sum(quantity) from bill_usage where tenant_id = ?", t.toString()));
  }

  @Test
  void totalsArePerMonthAndKindByWhenTheWorkHappened() {
    UUID t = h.tenant("monthly");
    TenantContext c = h.context(t);
    Instant may = Instant.parse("2026-05-31T23:59:59Z");
    Instant june = Instant.parse("2026-06-01T00:00:00Z");
    h.metering.record(c, List.of(
        new UsageEvent("conversation:1", UsageEvent.CONVERSATION, 1, may),
        new UsageEvent("conversation:2", UsageEvent.CONVERSATION, 1, june),
        new UsageEvent("conversation:3", UsageEvent.CONVERSATION, 1, june),
        new UsageEvent("booking:1", "addon:bookings", 7, june),
        new UsageEvent("sale:1", "revenue:USD", 125_00, may),
        new UsageEvent("sale:2", "revenue:USD", 75_50, june),
        new UsageEvent("sale:3", "revenue:USD", 24_50, june)));
    assertEquals(Map.of("conversation", 1L, "revenue:USD", 125_00L), h.metering.totals(t, "2026-05"));
    assertEquals(Map.of("conversation", 2L, "addon:bookings", 7L, "revenue:USD", 100_00L),
        h.metering.totals(t, "2026-06"));
    assertEquals(Map.of(), h.metering.totals(t, "2026-07"));
    ObjectNode report = h.usage.report(t, "2026-06", 0, 50);
    assertEquals(7, report.path("addons").path("bookings").asLong());
    assertEquals("100.00", report.path("revenue").path("USD").asText());
    assertEquals(5, report.path("records").size());
  }

  private List<DomainEvent> warnings(UUID t) {
    return h.events.of(t, EventTypes.QUOTA_WARNING);
  }

  @Test
  void warningsAt80And100PercentOncePerMonth() {
    UUID t = h.tenant("warned");
    TenantContext c = h.context(t);
    // Growth: 5,000 a month; 80% is 4,000
    h.metering.record(c, conversations("june:", 0, 3999, h.now()));
    assertEquals(List.of(), warnings(t));
    h.metering.record(c, conversations("june:", 3999, 4000, h.now()));
    assertEquals(1, warnings(t).size());
    Map<String, String> w80 = warnings(t).get(0).data();
    assertEquals("conversationsPerMonth", w80.get("limit"));
    assertEquals("4000", w80.get("used"));
    assertEquals("5000", w80.get("max"));
    assertEquals("80", w80.get("percent"));
    assertEquals("2026-06", w80.get("period"));
    assertEquals(1, h.mails(t, "you have used 80% of your conversations per month for 2026-06"));
    // more below 100%, and a replay of the batch that crossed: nothing new
    h.metering.record(c, conversations("june:", 3000, 4999, h.now()));
    assertEquals(1, warnings(t).size());
    // 5,000: the limit
    h.metering.record(c, conversations("june:", 4999, 5001, h.now()));
    assertEquals(2, warnings(t).size());
    assertEquals("100", warnings(t).get(1).data().get("percent"));
    assertEquals("5001", warnings(t).get(1).data().get("used"));
    assertEquals(1, h.mails(t, "you have reached your conversations per month limit for 2026-06"));
    h.metering.record(c, conversations("june:", 5001, 6000, h.now()));
    assertEquals(2, warnings(t).size());
    List<String> kinds = h.accounts.notices(t, 50).stream().map(n -> n.path("key").asText()).toList();
    assertEquals(2, kinds.size());
    assertTrue(kinds.contains("quota:conversationsPerMonth:80:2026-06"));
    assertTrue(kinds.contains("quota:conversationsPerMonth:100:2026-06"));

    // July starts afresh: both thresholds at once in one batch, each once
    h.advanceTo("2026-07-03T00:00:00Z");
    h.metering.record(c, conversations("july:", 0, 5000, h.now()));
    h.metering.record(c, conversations("july:", 0, 5200, h.now()));
    assertEquals(4, warnings(t).size());
    assertEquals(List.of("80", "100"), warnings(t).subList(2, 4).stream().map(e -> e.data().get("percent")).toList());
    assertEquals(List.of("2026-07", "2026-07"),
        warnings(t).subList(2, 4).stream().map(e -> e.data().get("period")).toList());
    assertEquals(4, h.mailSubjects(t).stream().filter(s -> s.contains("conversations per month")).count());
  }
}
