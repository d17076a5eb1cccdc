package com.ngx.agent.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.UsageEvent;
import com.ngx.tenant.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The usage outbox handed to billing: right after the turn's commit, by the sweep when a crash or
 * billing's absence left rows behind, and again without harm (same ids) when the marks were lost.
 */
class UsageRelayTest {
  private final AgentServices s = new AgentServices();

  @AfterEach
  void close() {
    s.close();
  }

  private long undelivered() {
    return s.count("usage_record", "delivered_at is null");
  }

  @Test
  void aTurnsUsageIsHandedToBillingAfterItsCommitAndMarkedDelivered() throws Exception {
    String agent = s.publishedAgent();
    String id = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    s.relay.flush();
    assertEquals(List.of(), s.metering.calls, "a conversation counts with its first prospect message, not before");

    s.conversations.message(s.tenant, s.schema, id, "A new online shop for my bakery", null, false);
    s.relay.flush();
    // the billing clock's time, not the system's, decides when (and in which period) it happened
    assertEquals(List.of(new UsageEvent("conversation:" + id, UsageEvent.CONVERSATION, 1, AgentServices.BILLING_NOW)),
        s.metering.events());
    assertEquals(s.tenant, s.metering.calls.get(0).tenant());
    assertEquals("2031-02", s.db.text("select period from " + s.schema + ".usage_record"));
    assertEquals(0, undelivered());

    s.conversations.message(s.tenant, s.schema, id, "as soon as possible", null, false);
    s.relay.flush();
    assertEquals(1, s.metering.events().size(), "later messages add no usage");
    assertEquals(0, s.relay.sweep(), "nothing is left for the sweep");
  }

  @Test
  void rowsACrashLeftUndeliveredAreSweptAndDeliveringAgainRecordsTheSameIds() {
    String agent = s.publishedAgent();
    // the node dies between the commits and the hand-over: its relay is gone when the turns commit
    s.relay.deactivate();
    String first = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    s.conversations.message(s.tenant, s.schema, first, "I need a new website", null, false);
    String second = s.conversations.start(s.tenant, s.schema, agent, "en", "widget", false).id();
    s.conversations.message(s.tenant, s.schema, second, "Just looking", null, false);
    assertEquals(2, undelivered());
    assertEquals(List.of(), s.metering.calls);

    // the next activation's sweep hands them over and marks them
    UsageRelay next = new UsageRelay(s.db.store, s.tenants, s.metering, false);
    try {
      Set<String> ids = Set.of("conversation:" + first, "conversation:" + second);
      assertEquals(2, next.sweep());
      assertEquals(ids, Set.copyOf(s.metering.ids()));
      assertEquals(0, undelivered());

      // billing recorded them, then the marks were lost (a crash in between): they go again, same ids
      s.db.execute("update " + s.schema + ".usage_record set delivered_at = null");
      assertEquals(2, next.sweep());
      assertEquals(4, s.metering.ids().size());
      assertEquals(ids, Set.copyOf(s.metering.ids()), "billing gets the same ids again and de-duplicates them");
      assertEquals(0, undelivered());
    } finally {
      next.deactivate();
    }
  }

  @Test
  void whenBillingFailsTheRowsStayUndeliveredUntilASweepSucceeds() throws Exception {
    String agent = s.publishedAgent();
    String id = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    s.metering.failure = new IllegalStateException("billing is away");
    s.conversations.message(s.tenant, s.schema, id, "I need a new website", null, false);
    s.relay.flush();
    assertEquals(1, undelivered(), "the turn itself succeeded; its usage waits");
    assertEquals(0, s.relay.sweep(), "a failing sweep marks nothing");
    assertEquals(1, undelivered());

    s.metering.failure = null;
    assertEquals(1, s.relay.sweep());
    assertEquals(List.of("conversation:" + id), s.metering.ids());
    assertEquals(0, undelivered());
  }

  @Test
  void theSweepCoversEveryTenantOldestFirstInBatches() {
    // 1,201 rows whose ids sort against their time, so the order shown is the time's
    s.db.execute("insert into " + s.schema + ".usage_record (id, kind, agent_id, period, quantity, created_at)"
        + " select 'addon:u' || (5000 - \"X\"), 'conversation', 'a', '2031-02', 1,"
        + " dateadd('SECOND', \"X\", timestamp '2031-02-01 00:00:00') from system_range(1, 1201)");
    TenantContext other = new TenantContext(UUID.randomUUID(), "other");
    String otherSchema = s.db.newSchema();
    s.tenants.add(other, otherSchema, TenantStatus.SUSPENDED);
    s.db.execute("insert into " + otherSchema + ".usage_record (id, kind, agent_id, period, quantity, created_at)"
        + " values ('revenue-1', 'revenue:EUR', 'a', '2031-02', 4990, timestamp '2031-02-02 10:00:00')");
    // a tenant being provisioned has no complete schema yet: skipped, not an error
    s.tenants.add(new TenantContext(UUID.randomUUID(), "new"), "t_not_there", TenantStatus.PROVISIONING);

    assertEquals(1202, s.relay.sweep());
    List<RecordingMetering.Call> mine = s.metering.calls.stream().filter(c -> c.tenant().equals(s.tenant)).toList();
    assertEquals(List.of(500, 500, 201), mine.stream().map(c -> c.events().size()).toList());
    List<Instant> times = mine.stream().flatMap(c -> c.events().stream()).map(UsageEvent::occurredAt).toList();
    assertEquals(times.stream().sorted().toList(), times, "oldest first");
    assertEquals("addon:u4999", mine.get(0).events().get(0).id());
    assertEquals(List.of(new UsageEvent("revenue-1", "revenue:EUR", 4990, Instant.parse("2031-02-02T10:00:00Z"))),
        s.metering.calls.stream().filter(c -> c.tenant().equals(other)).flatMap(c -> c.events().stream()).toList(),
        "a suspended tenant's usage is still billed");
    assertEquals(0, undelivered());
    assertTrue(s.relay.sweep() == 0);
  }
}
