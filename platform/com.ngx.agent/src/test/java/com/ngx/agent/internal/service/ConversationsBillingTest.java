package com.ngx.agent.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.billing.Admission;
import com.ngx.billing.UsageEvent;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conversations under the tenant's plan: admission, a subscription that stops, revenue, the billing clock. */
class ConversationsBillingTest {
  private final AgentServices s = new AgentServices();

  @AfterEach
  void close() {
    s.close();
  }

  @Test
  void aConversationThePlanRefusesAnswers402AndStoresNothing() {
    String agent = s.publishedAgent();
    s.entitlements.conversation = Admission.refuse(Admission.QUOTA_EXCEEDED,
        "This month's 100 conversations are used up; upgrade the plan for more.", 100L, 100);
    ApiException e = assertThrows(ApiException.class, () -> s.conversations.start(s.tenant, s.schema, agent, "en", "api", false));
    assertEquals(402, e.status());
    assertEquals("Plan limit reached", e.title());
    assertEquals("This month's 100 conversations are used up; upgrade the plan for more.", e.getMessage());
    assertEquals(List.of(new FieldError("conversationsPerMonth", "the plan allows 100; 100 in use")), e.errors());
    assertEquals(0, s.count("conversation", null));
    assertEquals(0, s.count("conversation_message", null));
    assertEquals(0, s.count("usage_record", null));
  }

  @Test
  void aSuspendedOrCancelledSubscriptionStopsConversationsUnderWayAReachedQuotaDoesNot() {
    String agent = s.publishedAgent();
    String id = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    record Case(Admission admission, boolean refused) {}
    List<Case> cases = List.of(
        // the month's quota is reached: a conversation already under way may finish
        new Case(Admission.refuse(Admission.QUOTA_EXCEEDED, "Quota reached.", 100L, 100), false),
        // unpaid: agents stop serving (the data is kept)
        new Case(Admission.refuse(Admission.SUSPENDED, "This chat is paused.", null, 0), true),
        // cancelled: the same
        new Case(Admission.refuse(Admission.CANCELLED, "This chat has closed.", null, 0), true),
        // allowed again
        new Case(Admission.allow(null, 3), false));
    for (Case c : cases) {
      s.entitlements.conversation = c.admission();
      long before = s.count("conversation_message", null);
      if (c.refused()) {
        ApiException e = assertThrows(ApiException.class,
            () -> s.conversations.message(s.tenant, s.schema, id, "hello", null, false), c.toString());
        assertEquals(402, e.status());
        assertEquals(c.admission().message(), e.getMessage());
        assertEquals(List.of(new FieldError("subscription", "is " + c.admission().code())), e.errors());
        assertEquals(before, s.count("conversation_message", null), "nothing stored: " + c);
      } else {
        s.conversations.message(s.tenant, s.schema, id, "hello", null, false);
        assertEquals(before + 2, s.count("conversation_message", null), c.toString());
      }
    }
  }

  @Test
  void aConversionWithAValueAddsItsRevenueRecordOnce() throws Exception {
    String agent = s.publishedAgent();
    String id = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    s.conversations.message(s.tenant, s.schema, id, "I need a new website", null, false);

    s.conversations.convert(s.tenant, s.schema, id, "purchased", new BigDecimal("49.90"), "EUR", "order-17");
    String conversion = s.db.text("select id from " + s.schema + ".conversion_event where reference = 'order-17'");
    String revenue = "conversion:" + conversion;
    assertEquals(1, s.count("usage_record", "id = '" + revenue + "' and kind = 'revenue:EUR' and quantity = 4990"
        + " and period = '2031-02' and created_at = timestamp '2031-02-28 23:59:30'"));
    assertEquals("2031-02-28 23:59:30", s.db.text("select formatdatetime(created_at, 'yyyy-MM-dd HH:mm:ss') from "
        + s.schema + ".conversion_event where id = '" + conversion + "'"), "conversions are timed by the billing clock");

    // reported again (a retry): nothing new
    s.conversations.convert(s.tenant, s.schema, id, "purchased", new BigDecimal("49.90"), "EUR", "order-17");
    assertEquals(1, s.count("usage_record", "kind like 'revenue:%'"));
    // a booked call with its value counts too; one without a value does not
    s.conversations.convert(s.tenant, s.schema, id, "booked", new BigDecimal("120"), "EUR", "call-1");
    s.conversations.convert(s.tenant, s.schema, id, "booked", null, null, "call-2");
    s.conversations.convert(s.tenant, s.schema, id, "cta_taken", null, null, "widget");
    assertEquals(2, s.count("usage_record", "kind like 'revenue:%'"));
    assertEquals(12000, s.db.number("select quantity from " + s.schema + ".usage_record where id = 'conversion:"
        + s.db.text("select id from " + s.schema + ".conversion_event where reference = 'call-1'") + "'"));

    s.relay.flush();
    List<UsageEvent> revenues = s.metering.events().stream().filter(e -> e.kind().startsWith(UsageEvent.REVENUE_PREFIX)).toList();
    assertEquals(new UsageEvent(revenue, "revenue:EUR", 4990, AgentServices.BILLING_NOW), revenues.get(0));
    assertEquals(2, revenues.size());
    assertEquals(0, s.count("usage_record", "delivered_at is null"));
  }

  @Test
  void aPurchaseWithoutAValueIsRefusedAndWritesNothing() {
    String agent = s.publishedAgent();
    String id = s.conversations.start(s.tenant, s.schema, agent, "en", "api", false).id();
    ApiException e = assertThrows(ApiException.class,
        () -> s.conversations.convert(s.tenant, s.schema, id, "purchased", null, "EUR", "order-1"));
    assertEquals(400, e.status());
    assertEquals(0, s.count("conversion_event", null));
    assertNull(s.db.text("select id from " + s.schema + ".usage_record"));
  }
}
