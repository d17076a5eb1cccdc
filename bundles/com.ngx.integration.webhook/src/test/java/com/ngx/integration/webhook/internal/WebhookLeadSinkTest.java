package com.ngx.integration.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.lead.DeliveryResult;
import com.ngx.api.lead.Lead;
import com.ngx.integration.webhook.Signatures;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookLeadSinkTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String SECRET = "whsec_0123456789";

  private final Receiver receiver = new Receiver();
  private final WebhookLeadSink sink =
      new WebhookLeadSink(WebhookLeadSink.newClient(), Clock.fixed(NOW, ZoneOffset.UTC), true);
  private final TestContext context =
      new TestContext()
          .with("url", receiver.url())
          .with("secret", SECRET)
          .with("timeoutSeconds", 5);

  @AfterEach
  void stop() {
    receiver.close();
  }

  static Lead lead(String id) {
    return new Lead(
        id,
        "agent-1",
        "conv-1",
        "Ana \"Ani\" García",
        "ana@example.com",
        "+34 600 000 000",
        "Acme\nIbérica",
        87,
        Map.of("company_size", "50", "budget", "10k"),
        "Wants a demo next week.",
        Instant.parse("2025-12-31T23:59:30Z"));
  }

  @Test
  void postsSignedJsonAndRecordsUsage() {
    receiver.answerHeaders = Map.of("X-Request-Id", "req-42");

    DeliveryResult result = sink.deliver(context, lead("L1"));

    assertEquals(DeliveryResult.delivered("req-42"), result);
    assertEquals("POST", receiver.method);
    assertEquals("/hooks/leads", receiver.path);
    assertEquals("application/json", receiver.header("Content-Type"));
    // the timestamp is the send time in Unix seconds
    assertEquals("1767225600", receiver.header(Signatures.TIMESTAMP_HEADER));
    // the receiver can verify the signature over the bytes it received, with the secret
    String signature = receiver.header(Signatures.SIGNATURE_HEADER);
    assertTrue(signature.matches("v1=[0-9a-f]{64}"), signature);
    assertTrue(
        Signatures.verify(
            SECRET, receiver.header(Signatures.TIMESTAMP_HEADER), signature, receiver.body, NOW));
    assertFalse(
        Signatures.verify(
            "wrong", receiver.header(Signatures.TIMESTAMP_HEADER), signature, receiver.body, NOW));

    String json = new String(receiver.body, StandardCharsets.UTF_8);
    assertEquals(
        "{\"id\":\"L1\",\"tenant\":\"acme\",\"agentId\":\"agent-1\",\"conversationId\":\"conv-1\","
            + "\"name\":\"Ana \\\"Ani\\\" García\",\"email\":\"ana@example.com\","
            + "\"phone\":\"+34 600 000 000\",\"company\":\"Acme\\nIbérica\",\"score\":87,"
            + "\"fields\":{\"budget\":\"10k\",\"company_size\":\"50\"},"
            + "\"summary\":\"Wants a demo next week.\",\"qualifiedAt\":\"2025-12-31T23:59:30Z\","
            + "\"test\":false}",
        json);

    assertEquals(List.of("1:L1"), context.usage.records);
    assertEquals(
        Map.of(
            "delivery/1767225600000-L1",
            "{\"time\":\"2026-01-01T00:00:00Z\",\"leadId\":\"L1\",\"delivered\":true,"
                + "\"status\":200,\"reference\":\"req-42\",\"message\":\"delivered\","
                + "\"test\":false}"),
        context.data.entries);
  }

  @Test
  void withoutRequestIdTheStatusIsTheReference() {
    receiver.status = 202;
    assertEquals(DeliveryResult.delivered("202"), sink.deliver(context, lead("L1")));
  }

  @Test
  void nonSuccessStatusesFail() {
    // server error, client error and a redirect (never followed) are all failures
    for (int status : new int[] {500, 404, 302}) {
      receiver.status = status;
      receiver.answerHeaders = status == 302 ? Map.of("Location", "http://10.0.0.1/") : Map.of();
      DeliveryResult result = sink.deliver(context, lead("L-" + status));
      assertEquals(DeliveryResult.failed("HTTP " + status), result);
      String entry = context.data.entries.get("delivery/1767225600000-L-" + status);
      assertTrue(entry.contains("\"delivered\":false,\"status\":" + status), entry);
    }
    assertEquals(3, receiver.requests);
    assertEquals(List.of(), context.usage.records);
  }

  @Test
  void connectionRefusedIsAFailedResultNotAnException() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort();
    }
    context.with("url", "http://127.0.0.1:" + closedPort + "/");

    DeliveryResult result = sink.deliver(context, lead("L1"));

    assertFalse(result.delivered());
    assertEquals("could not connect to 127.0.0.1", result.message());
    assertEquals(List.of(), context.usage.records);
    String entry = context.data.entries.get("delivery/1767225600000-L1");
    assertTrue(entry.contains("\"delivered\":false,\"status\":null"), entry);
  }

  @Test
  void aSlowReceiverTimesOut() {
    receiver.delayMillis = 5_000;
    context.with("timeoutSeconds", 1);

    DeliveryResult result = sink.deliver(context, lead("L1"));

    assertEquals(DeliveryResult.failed("no answer within 1 s"), result);
    assertEquals(List.of(), context.usage.records);
  }

  @Test
  void incompleteSettingsFailWithoutSending() {
    // each case: the settings changed, the message the tenant sees
    Object[][] cases = {
      {"url", null, "settings: url is not set"},
      {"url", "ftp://example.com/x", "settings: url must be an absolute http(s) URL"},
      {"url", "https://user:pw@example.com/", "settings: url must not contain credentials"},
      {"url", "not a url", "settings: url is not a valid URL"},
      {"secret", null, "settings: secret is not set"},
      {"secret", "", "settings: secret is not set"},
      {"timeoutSeconds", 0, "settings: timeoutSeconds must be from 1 to 30"},
      {"timeoutSeconds", "abc", "settings: timeoutSeconds must be a whole number"},
    };
    for (Object[] c : cases) {
      TestContext ctx = new TestContext().with("url", receiver.url()).with("secret", SECRET);
      ctx.settings.remove((String) c[0]);
      if (c[1] != null) {
        ctx.with((String) c[0], c[1]);
      }
      assertEquals(DeliveryResult.failed((String) c[2]), sink.deliver(ctx, lead("L1")));
      assertEquals(1, ctx.data.entries.size());
    }
    assertEquals(0, receiver.requests);
  }

  @Test
  void settingsAsThePlatformMayTypeThem() {
    // Long instead of Integer, and no timeout at all (the default, 5 s)
    context.with("timeoutSeconds", 3L);
    assertTrue(sink.deliver(context, lead("L1")).delivered());
    context.settings.remove("timeoutSeconds");
    assertTrue(sink.deliver(context, lead("L2")).delivered());
  }

  @Test
  void privateTargetsAreRefusedUnlessAllowed() {
    WebhookLeadSink production =
        new WebhookLeadSink(WebhookLeadSink.newClient(), Clock.fixed(NOW, ZoneOffset.UTC), false);

    DeliveryResult result = production.deliver(context, lead("L1"));

    assertEquals(
        DeliveryResult.failed("url: the host resolves to a private or local address"), result);
    assertEquals(0, receiver.requests);
  }

  @Test
  void testDeliveriesAreMarkedAndNotBilled() {
    assertTrue(sink.deliver(context, lead("T1"), true).delivered());

    assertTrue(new String(receiver.body, StandardCharsets.UTF_8).endsWith("\"test\":true}"));
    assertEquals(List.of(), context.usage.records);
    assertTrue(context.data.entries.get("delivery/1767225600000-T1").endsWith("\"test\":true}"));
  }

  @Test
  void theLogKeepsTheNewest500() {
    for (int i = 0; i < WebhookLeadSink.LOG_SIZE; i++) {
      context.data.put(String.format("delivery/%013d-old%d", 1_000_000L + i, i), "{}");
    }

    sink.deliver(context, lead("L1"));

    assertEquals(WebhookLeadSink.LOG_SIZE, context.data.entries.size());
    assertNull(context.data.entries.get("delivery/0000001000000-old0"));
    assertEquals("{}", context.data.entries.get("delivery/0000001000001-old1"));
    assertEquals("delivery/1767225600000-L1", context.data.entries.lastKey());
  }

  @Test
  void aLongLeadIdIsShortenedInTheKeyOnly() {
    String id = "L".repeat(300);
    sink.deliver(context, lead(id));

    String key = context.data.entries.firstKey();
    assertEquals("delivery/1767225600000-" + "L".repeat(100), key);
    assertTrue(context.data.entries.get(key).contains("\"leadId\":\"" + id + "\""));
  }
}
