package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.web.WebRequest;
import com.ngx.api.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingResourceTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private final TestContext context = new TestContext();
  private final TestClock clock = new TestClock();
  private final PricingResource resource = new PricingResource(clock);

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static WebRequest get(String path, Map<String, String> query) {
    Map<String, List<String>> q = new HashMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return new WebRequest("GET", path, q, Map.of(), new byte[0], false);
  }

  static WebRequest call(String method, String path, String body) {
    return new WebRequest(
        method, path, Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
  }

  static String body(WebResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void quotesSeats() {
    WebResponse r = resource.handle(context, get("/quote", Map.of("seats", "25")));
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals(
        "{\"seats\":25,\"currency\":\"USD\",\"unitPrice\":\"49.00\",\"discountPercent\":5,"
            + "\"monthly\":\"1163.75\",\"annualDiscountPercent\":15,\"annual\":\"11870.25\","
            + "\"billing\":\"monthly\",\"total\":\"1163.75\"}",
        body(r));
  }

  @Test
  void quotesAnnualBilling() {
    WebResponse r =
        resource.handle(context, get("/quote", Map.of("seats", "200", "annual", "true")));
    assertEquals(
        "{\"seats\":200,\"currency\":\"USD\",\"unitPrice\":\"49.00\",\"discountPercent\":15,"
            + "\"monthly\":\"8330.00\",\"annualDiscountPercent\":15,\"annual\":\"84966.00\","
            + "\"billing\":\"annual\",\"total\":\"84966.00\"}",
        body(r));
  }

  @Test
  void quotesInTheTenantsCurrency() {
    context.with("currency", "BHD").with("volumeDiscounts", "1:2.5");
    String json = body(resource.handle(context, get("/quote", Map.of("seats", "1"))));
    assertTrue(
        json.startsWith(
            "{\"seats\":1,\"currency\":\"BHD\",\"unitPrice\":\"4.900\",\"discountPercent\":2.5,"
                + "\"monthly\":\"4.778\""),
        json);
  }

  @ParameterizedTest(name = "seats={0}")
  @CsvSource(
      value = {
        // missing, empty, not a number, not whole, too small, too large
        "NULL", "''", "ten", "2.5", "0", "-1", "1000001", "1e99999"
      },
      nullValues = "NULL")
  void badSeatsAre400(String seats) {
    Map<String, String> query = seats == null ? Map.of() : Map.of("seats", seats);
    WebResponse r = resource.handle(context, get("/quote", query));
    assertEquals(400, r.status());
    assertEquals(
        "{\"error\":\"seats must be a whole number from 1 to 1000000\",\"field\":\"seats\"}",
        body(r));
  }

  @Test
  void aBadAnnualFlagIs400() {
    WebResponse r =
        resource.handle(context, get("/quote", Map.of("seats", "5", "annual", "yes")));
    assertEquals(400, r.status());
    assertEquals(
        "{\"error\":\"annual must be true or false\",\"field\":\"annual\"}", body(r));
  }

  @Test
  void badSettingsAre500WithTheReason() {
    context.with("currency", "EURO");
    WebResponse r = resource.handle(context, get("/quote", Map.of("seats", "5")));
    assertEquals(500, r.status());
    assertEquals(
        "{\"error\":\"plugin settings: currency must be an ISO 4217 code such as USD\"}", body(r));
  }

  @Test
  void savesListsAndDeletesQuotes() {
    WebResponse created =
        resource.handle(context, call("POST", "/quotes", "{\"seats\":10,\"customer\":\"Acme\"}"));
    assertEquals(201, created.status());
    Map<?, ?> first = (Map<?, ?>) Json.parse(body(created));
    String id = (String) first.get("id");
    assertEquals(UUID.fromString(id).toString(), id);
    assertEquals("Acme", first.get("customer"));
    assertEquals("2026-01-01T12:00:00Z", first.get("createdAt"));
    assertEquals("465.50", first.get("monthly"));
    assertEquals("monthly", first.get("billing"));
    assertEquals(body(created), context.data.entries.get("quote/" + id));

    clock.now = NOW.plusSeconds(1);
    String json = "{\"seats\":1, \"customer\":\"Büro \\\"Nord\\\"\", \"annual\":true}";
    WebResponse second = resource.handle(context, call("POST", "/quotes", json));
    assertEquals(201, second.status());
    Map<?, ?> secondQuote = (Map<?, ?>) Json.parse(body(second));
    assertEquals("Büro \"Nord\"", secondQuote.get("customer"));
    assertEquals("499.80", secondQuote.get("total"));

    // newest first
    WebResponse list = resource.handle(context, call("GET", "/quotes", ""));
    assertEquals(200, list.status());
    assertEquals("[" + body(second) + "," + body(created) + "]", body(list));

    WebResponse one = resource.handle(context, call("GET", "/quotes/" + id, ""));
    assertEquals(body(created), body(one));

    WebResponse deleted = resource.handle(context, call("DELETE", "/quotes/" + id, ""));
    assertEquals(204, deleted.status());
    assertEquals(0, deleted.body().length);
    assertEquals(404, resource.handle(context, call("DELETE", "/quotes/" + id, "")).status());
    assertEquals(404, resource.handle(context, call("GET", "/quotes/" + id, "")).status());
    list = resource.handle(context, call("GET", "/quotes", ""));
    assertEquals("[" + body(second) + "]", body(list));
  }

  @Test
  void aCustomerIsOptional() {
    WebResponse r = resource.handle(context, call("POST", "/quotes", "{\"seats\":3}"));
    assertEquals(201, r.status());
    assertEquals(null, ((Map<?, ?>) Json.parse(body(r))).get("customer"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // body | status | the error JSON
        "{\"customer\":\"Acme\"} | 400 | {\"error\":\"seats must be a whole number from 1 to"
            + " 1000000\",\"field\":\"seats\"}",
        "{\"seats\":\"10\"} | 400 | {\"error\":\"seats must be a whole number from 1 to"
            + " 1000000\",\"field\":\"seats\"}",
        "{\"seats\":10.5} | 400 | {\"error\":\"seats must be a whole number from 1 to"
            + " 1000000\",\"field\":\"seats\"}",
        "{\"seats\":0} | 400 | {\"error\":\"seats must be a whole number from 1 to"
            + " 1000000\",\"field\":\"seats\"}",
        "{\"seats\":5,\"customer\":7} | 400 | {\"error\":\"customer must be text of at most 200"
            + " characters\",\"field\":\"customer\"}",
        "{\"seats\":5,\"annual\":\"yes\"} | 400 | {\"error\":\"annual must be true or"
            + " false\",\"field\":\"annual\"}",
        "[5] | 400 | {\"error\":\"the body must be a JSON object\"}",
        "seats=5 | 400 | {\"error\":\"the body is not JSON: unexpected character at offset 0\"}",
        "'' | 400 | {\"error\":\"the body is not JSON: unexpected end at offset 0\"}",
      })
  void badQuotesAre400(String json, int status, String error) {
    WebResponse r = resource.handle(context, call("POST", "/quotes", json));
    assertEquals(status, r.status());
    assertEquals(error, body(r));
    assertEquals(0, context.data.entries.size());
  }

  @Test
  void aCustomerNameHasALimit() {
    String tooLong = "x".repeat(201);
    WebResponse r =
        resource.handle(
            context, call("POST", "/quotes", "{\"seats\":5,\"customer\":\"" + tooLong + "\"}"));
    assertEquals(400, r.status());
  }

  @Test
  void theNumberOfSavedQuotesIsCapped() {
    for (int i = 0; i < PricingResource.MAX_SAVED; i++) {
      context.data.put("quote/" + UUID.randomUUID(), "{}");
    }
    WebResponse r = resource.handle(context, call("POST", "/quotes", "{\"seats\":5}"));
    assertEquals(409, r.status());
    assertEquals(
        "{\"error\":\"at most 1000 quotes can be saved; delete some first\"}", body(r));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // method | path | status | Allow
        "POST | /quote | 405 | GET",
        "PUT | /quotes | 405 | GET, POST",
        "POST | /quotes/0e4a4bc4-5c6f-4d7e-9f00-1a2b3c4d5e6f | 405 | GET, DELETE",
        // an id that is not a UUID is simply not found
        "DELETE | /quotes/nope | 404 |",
        "GET | /quotes/0E4A4BC4-5C6F-4D7E-9F00-1A2B3C4D5E6F | 404 |",
        "GET | / | 404 |",
        "GET | /price | 404 |",
        // a trailing slash is the same path
        "GET | /quotes/ | 200 |",
      })
  void routing(String method, String path, int status, String allow) {
    WebResponse r = resource.handle(context, call(method, path, ""));
    assertEquals(status, r.status());
    assertEquals(allow, r.headers().get("Allow"));
    if (status == 404) {
      assertEquals("{\"error\":\"not found\"}", body(r));
    }
    if (status == 405) {
      assertEquals("{\"error\":\"method not allowed\"}", body(r));
    }
  }
}
