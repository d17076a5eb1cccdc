package com.ngx.agent.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.rest.WidgetResource;
import com.ngx.billing.Admission;
import com.ngx.billing.Limit;
import com.ngx.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plan's limits where the work happens: agents, knowledge characters, widget brands, branding,
 * and the widget's 402 (readable by the page: it carries the CORS headers).
 */
class PlanLimitsTest {
  private static final String ORIGIN = "https://shop.example";
  private final AgentServices s = new AgentServices();

  @AfterEach
  void close() {
    s.close();
  }

  @Test
  void anAgentBeyondThePlansLimitIsRefusedWithTheLimitNamed() {
    s.entitlements.limits.put(Limit.ACTIVE_AGENTS, 1L);
    s.agents.create(s.tenant, s.schema, "First", "en", null, null);
    assertEquals("activeAgents=1", s.entitlements.lastAsked());
    ApiException e = assertThrows(ApiException.class, () -> s.agents.create(s.tenant, s.schema, "Second", "en", null, null));
    assertEquals("activeAgents=2", s.entitlements.lastAsked());
    assertEquals(402, e.status());
    assertEquals("Plan limit reached", e.title());
    assertEquals("Your plan allows 1 (activeAgents).", e.getMessage());
    assertEquals("activeAgents", e.errors().get(0).field());
    assertEquals(1, s.count("agent", null));
  }

  @Test
  void knowledgeBeyondThePlansCharactersIsRefusedAndAReplacedDocumentNoLongerCounts() {
    String agent = s.agents.create(s.tenant, s.schema, "Docs", "en", null, null).id();
    byte[] text = "Our gym opens at six in the morning and closes at ten at night, every day of the year.\n"
        .getBytes(StandardCharsets.UTF_8);
    Knowledge.DocumentView first = s.knowledge.upload(s.tenant, s.schema, agent, null, "hours.txt", "text/plain", text, "en", null);
    int chars = first.textChars();
    assertEquals("knowledgeCharacters=" + chars, s.entitlements.lastAsked());
    s.entitlements.limits.put(Limit.KNOWLEDGE_CHARACTERS, (long) chars + 10);

    ApiException e = assertThrows(ApiException.class,
        () -> s.knowledge.upload(s.tenant, s.schema, agent, null, "again.txt", "text/plain", text, "en", null));
    assertEquals(402, e.status());
    assertEquals("knowledgeCharacters=" + 2 * chars, s.entitlements.lastAsked());
    assertEquals("knowledgeCharacters", e.errors().get(0).field());
    assertEquals(1, s.count("knowledge_document", null));

    // replacing the document: its old text is not counted with the new one
    s.knowledge.upload(s.tenant, s.schema, agent, first.id(), "hours.txt", "text/plain", text, "en", null);
    assertEquals("knowledgeCharacters=" + chars, s.entitlements.lastAsked());
  }

  @Test
  void widgetsBeyondThePlansDistinctBrandsAreRefused() {
    String agent = s.agents.create(s.tenant, s.schema, "Widget agent", "en", null, null).id();
    s.entitlements.limits.put(Limit.BRANDS, 1L);
    Widgets.WidgetView first = s.widgets.create(s.tenant, s.schema, agent, List.of(ORIGIN),
        brand("{\"title\":\"Shop\",\"primaryColor\":\"#aabbcc\"}"), "http://localhost");
    assertEquals("brands=1", s.entitlements.lastAsked());
    // the same brand written differently is the same brand
    Widgets.WidgetView same = s.widgets.create(s.tenant, s.schema, agent, List.of(ORIGIN),
        brand("{\"primaryColor\":\"#AABBCC\",\"title\":\"Shop \",\"position\":\"right\"}"), "http://localhost");
    assertEquals("brands=1", s.entitlements.lastAsked());

    ApiException e = assertThrows(ApiException.class, () -> s.widgets.create(s.tenant, s.schema, agent, List.of(ORIGIN),
        brand("{\"title\":\"Other shop\"}"), "http://localhost"));
    assertEquals("brands=2", s.entitlements.lastAsked());
    assertEquals(402, e.status());
    assertEquals("brands", e.errors().get(0).field());
    assertEquals(2, s.widgets.list(s.tenant, agent, "http://localhost").size());

    // revoked widgets' brands no longer count
    s.widgets.revoke(s.tenant, agent, first.key());
    s.widgets.revoke(s.tenant, agent, same.key());
    s.widgets.create(s.tenant, s.schema, agent, List.of(ORIGIN), brand("{\"title\":\"Other shop\"}"), "http://localhost");
    assertEquals("brands=1", s.entitlements.lastAsked());
  }

  @Test
  void thePlanDecidesThePlatformBranding() {
    s.entitlements.platformBranding = true;
    assertTrue(s.widgets.platformBranding(s.tenant), "freemium");
    s.entitlements.platformBranding = false;
    assertFalse(s.widgets.platformBranding(s.tenant), "a paid plan; a change applies at once");
  }

  @Test
  void theWidgetAnswersARefusalWithItsCorsHeaders() {
    String agent = s.publishedAgent();
    String key = s.widgets.create(s.tenant, s.schema, agent, List.of(ORIGIN), null, "http://localhost").key();
    WidgetResource widget = new WidgetResource(s.widgets, s.conversations, s.agents);

    s.entitlements.conversation = Admission.refuse(Admission.QUOTA_EXCEEDED, "This chat is not available right now.", 100L, 100);
    ApiException refused = assertThrows(ApiException.class, () -> widget.start(origin(), key, null));
    assertEquals(402, refused.status());
    assertEquals("This chat is not available right now.", refused.getMessage());
    assertEquals(ORIGIN, refused.headers().get("Access-Control-Allow-Origin"));
    assertEquals(0, s.count("conversation", null));

    // a conversation under way when the subscription is suspended
    s.entitlements.conversation = Admission.allow(null, 0);
    var started = s.conversations.start(s.tenant, s.schema, agent, "en", "web", true);
    s.entitlements.conversation = Admission.refuse(Admission.SUSPENDED, "This chat is paused.", null, 0);
    ApiException stopped = assertThrows(ApiException.class,
        () -> widget.message(origin(), key, started.id(), started.token(), new WidgetResource.MessageDTO("hello")));
    assertEquals(402, stopped.status());
    assertEquals("This chat is paused.", stopped.getMessage());
    assertEquals(ORIGIN, stopped.headers().get("Access-Control-Allow-Origin"));
  }

  /** The request headers of a page on {@link #ORIGIN}. */
  private static HttpHeaders origin() {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>(Map.of("Origin", ORIGIN));
    return new HttpHeaders() {
      @Override
      public List<String> getRequestHeader(String name) {
        return headers.get(name);
      }

      @Override
      public String getHeaderString(String name) {
        return headers.getFirst(name);
      }

      @Override
      public MultivaluedMap<String, String> getRequestHeaders() {
        return headers;
      }

      @Override
      public List<MediaType> getAcceptableMediaTypes() {
        return List.of();
      }

      @Override
      public List<Locale> getAcceptableLanguages() {
        return List.of();
      }

      @Override
      public MediaType getMediaType() {
        return null;
      }

      @Override
      public Locale getLanguage() {
        return null;
      }

      @Override
      public Map<String, Cookie> getCookies() {
        return Map.of();
      }

      @Override
      public Date getDate() {
        return null;
      }

      @Override
      public int getLength() {
        return -1;
      }
    };
  }

  private static JsonNode brand(String json) {
    return Json.tree(json);
  }
}
