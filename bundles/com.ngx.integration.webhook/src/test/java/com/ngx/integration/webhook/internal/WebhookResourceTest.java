package com.ngx.integration.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.web.WebRequest;
import com.ngx.api.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookResourceTest {
  private final Receiver receiver = new Receiver();
  private final Clock clock = Clock.fixed(WebhookLeadSinkTest.NOW, ZoneOffset.UTC);
  private final WebhookLeadSink sink =
      new WebhookLeadSink(WebhookLeadSink.newClient(), clock, true);
  private final WebhookResource resource = new WebhookResource(sink, clock);
  private final TestContext context =
      new TestContext().with("url", receiver.url()).with("secret", "s3cret");

  @AfterEach
  void stop() {
    receiver.close();
  }

  static WebRequest request(String method, String path, Map<String, List<String>> query) {
    return new WebRequest(method, path, query, Map.of(), new byte[0], false);
  }

  static String body(WebResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private void logEntries(int n) {
    for (int i = 1; i <= n; i++) {
      context.data.put(String.format("delivery/%013d-L%d", i, i), "{\"n\":" + i + "}");
    }
  }

  @Test
  void deliveriesAreNewestFirst() {
    WebResponse empty = resource.handle(context, request("GET", "/deliveries", Map.of()));
    assertEquals(200, empty.status());
    assertEquals("application/json", empty.contentType());
    assertEquals("[]", body(empty));

    logEntries(3);
    WebResponse three = resource.handle(context, request("GET", "/deliveries", Map.of()));
    assertEquals("[{\"n\":3},{\"n\":2},{\"n\":1}]", body(three));
  }

  @Test
  void deliveriesHonourTheLimit() {
    logEntries(60);
    // each case: the limit asked for, how many entries come back
    Object[][] cases = {{null, 50}, {"2", 2}, {"60", 60}, {"100000", 60}};
    for (Object[] c : cases) {
      Map<String, List<String>> query =
          c[0] == null ? Map.of() : Map.of("limit", List.of((String) c[0]));
      String json = body(resource.handle(context, request("GET", "/deliveries", query)));
      assertEquals((int) c[1], json.split("\\{").length - 1, json);
      assertTrue(json.startsWith("[{\"n\":60}"), json);
    }
  }

  @Test
  void aBadLimitIs400() {
    for (String limit : new String[] {"0", "-1", "ten", ""}) {
      WebResponse r =
          resource.handle(context, request("GET", "/deliveries", Map.of("limit", List.of(limit))));
      assertEquals(400, r.status(), limit);
      assertEquals("{\"error\":\"limit must be a whole number from 1 to 500\"}", body(r));
    }
  }

  @Test
  void testSendsAnUnbilledLead() {
    WebResponse r = resource.handle(context, request("POST", "/test", Map.of()));

    assertEquals(200, r.status());
    assertEquals("{\"delivered\":true,\"message\":\"delivered\"}", body(r));
    String sent = new String(receiver.body, StandardCharsets.UTF_8);
    assertTrue(sent.startsWith("{\"id\":\"test-"), sent);
    assertTrue(sent.endsWith("\"test\":true}"), sent);
    assertEquals(List.of(), context.usage.records);
    // and it shows in the log
    String log = body(resource.handle(context, request("GET", "/deliveries", Map.of())));
    assertTrue(log.contains("\"delivered\":true,\"status\":200"), log);
  }

  @Test
  void testReportsAFailure() {
    receiver.status = 401;
    WebResponse r = resource.handle(context, request("POST", "/test", Map.of()));
    assertEquals("{\"delivered\":false,\"message\":\"HTTP 401\"}", body(r));

    TestContext unset = new TestContext();
    r = resource.handle(unset, request("POST", "/test", Map.of()));
    assertEquals("{\"delivered\":false,\"message\":\"settings: url is not set\"}", body(r));
  }

  @Test
  void routing() {
    // each case: method, path, status, Allow header
    Object[][] cases = {
      {"POST", "/deliveries", 405, "GET"},
      {"DELETE", "/deliveries", 405, "GET"},
      {"GET", "/test", 405, "POST"},
      {"GET", "/deliveries/", 200, null},
      {"GET", "/", 404, null},
      {"GET", "/nope", 404, null},
      {"GET", "/deliveries/x", 404, null},
    };
    for (Object[] c : cases) {
      WebResponse r = resource.handle(context, request((String) c[0], (String) c[1], Map.of()));
      assertEquals(c[2], r.status(), c[0] + " " + c[1]);
      assertEquals(c[3], r.headers().get("Allow"));
      if (r.status() == 404) {
        assertEquals("{\"error\":\"not found\"}", body(r));
      }
      if (r.status() == 405) {
        assertEquals("{\"error\":\"method not allowed\"}", body(r));
      }
    }
    assertEquals(0, receiver.requests);
  }
}
