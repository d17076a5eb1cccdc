package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** Bad input gets a 4xx problem naming what is wrong, never a 500 and never a partial write. */
public class ValidationIT extends NgxTestSupport {

  @Test
  public void badBodiesAreProblemsNamingTheField() {
    // each case: a body, the expected status, and the field the problem must name ("" = none)
    Object[][] cases = {
      {"{\"slug\":\"abc\",", 400, ""}, // malformed JSON
      {"[1,2]", 400, "body"}, // an array, not an object
      {"{\"slug\":123,\"name\":\"x\"}", 400, "slug"}, // wrong type
      {"{\"slug\":\"okay-slug\",\"name\":\"x\",\"plan\":\"gold\"}", 400, "plan"}, // unknown field
      {"{\"slug\":\"okay-slug\",\"name\":\"" + "n".repeat(201) + "\"}", 400, "name"}, // too long
      {"{\"slug\":\"okay-slug\"}", 400, "name"}, // missing field
      {"{\"slug\":\"okay-slug\",\"name\":\"x\"} trailing", 400, ""}, // trailing tokens
    };
    for (Object[] c : cases) {
      JsonNode problem = call("POST", "/tenants", OPERATOR_KEY, (String) c[0]).problem((Integer) c[1]);
      if (!((String) c[2]).isEmpty()) {
        assertEquals((String) c[0], c[2], problem.path("errors").path(0).path("field").asText());
      }
    }
    // nothing was half-written by any of them
    assertEquals(0, get("/tenants?q=okay-slug", OPERATOR_KEY).json().path("total").asInt());

    // no body at all
    call("POST", "/tenants", OPERATOR_KEY, null).problem(400);
    // not JSON
    send("POST", "/tenants", OPERATOR_KEY, "text/plain", "slug=x".getBytes(StandardCharsets.UTF_8)).problem(415);
    // nested field path
    JsonNode nested =
        call("PATCH", "/tenants/" + provision(unique("val")).path("id").asText(), OPERATOR_KEY,
                "{\"limits\":{\"ratePerSecond\":\"fast\"}}")
            .problem(400);
    assertEquals("limits.ratePerSecond", nested.path("errors").path(0).path("field").asText());
  }

  @Test
  public void aRejectedChangeWritesNothing() {
    JsonNode tenant = provision(unique("atomic"));
    String id = tenant.path("id").asText();
    // a valid name with an invalid limit: 400, and the name is not changed either
    JsonNode problem =
        call("PATCH", "/tenants/" + id, OPERATOR_KEY, "{\"name\":\"New\",\"limits\":{\"ratePerSecond\":0}}")
            .problem(400);
    assertEquals("limits.ratePerSecond", problem.path("errors").path(0).path("field").asText());
    assertEquals(tenant.path("name").asText(), get("/tenants/" + id, OPERATOR_KEY).json().path("name").asText());
    // a null scope is a 400 naming the element, not a 500
    JsonNode scopes =
        call("POST", "/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"k\",\"scopes\":[\"*\",null]}")
            .problem(400);
    assertEquals("scopes[1]", scopes.path("errors").path(0).path("field").asText());
    assertEquals(0, get("/tenants/" + id + "/api-keys", OPERATOR_KEY).json().path("total").asInt());
    // an over-long (but well-formed) locale is a 400, not a database error
    String key = key(id, "*");
    call("PUT", "/settings", key, "{\"locale\":\"en-x-" + "abcdefgh-".repeat(600) + "a\"}").problem(400);
  }

  @Test
  public void oversizedBodiesGet413() {
    // just over the 1 MiB limit, so what the client still has in flight when the server answers
    // fits in the socket buffers (a client sending far more would see the connection closed)
    byte[] big =
        ("{\"slug\":\"big\",\"name\":\"" + "x".repeat(1_048_576 + 16_384) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    // with a Content-Length: refused before the body is read
    ChunkedPost.send(base() + "/tenants", OPERATOR_KEY, big, true).problem(413);
    // without a Content-Length (chunked): refused while it is read
    ChunkedPost.send(base() + "/tenants", OPERATOR_KEY, big, false).problem(413);
    assertEquals(0, get("/tenants?q=big", OPERATOR_KEY).json().path("total").asInt());
  }

  @Test
  public void badParametersAndPaths() {
    JsonNode limit = get("/tenants?limit=abc", OPERATOR_KEY).problem(400);
    assertEquals("query.limit", limit.path("errors").path(0).path("field").asText());
    JsonNode status = get("/tenants?status=sleeping", OPERATOR_KEY).problem(400);
    assertEquals("query.status", status.path("errors").path(0).path("field").asText());
    get("/tenants/not-a-uuid", OPERATOR_KEY).problem(404);
    get("/tenants/00000000-0000-0000-0000-000000000000", OPERATOR_KEY).problem(404);
    get("/no/such/thing", OPERATOR_KEY).problem(404);
    JsonNode notAllowed = call("PUT", "/me", OPERATOR_KEY, "{}").problem(405);
    assertTrue(notAllowed.path("detail").asText().contains("GET"));
    // settings: every invalid field at once
    String key = key(provision(unique("val")).path("id").asText(), "*");
    JsonNode settings =
        call("PUT", "/settings", key, "{\"locale\":\"!!\",\"timeZone\":\"Mars/Base\",\"currency\":\"EURO\"}").problem(400);
    assertEquals(3, settings.path("errors").size());
    assertEquals("en", get("/settings", key).json().path("locale").asText());
  }

  /** A POST with a Content-Length or streamed without one (chunked transfer encoding). */
  private static final class ChunkedPost {
    static Reply send(String url, String key, byte[] body, boolean sized) {
      try {
        java.net.http.HttpRequest request =
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(
                    sized
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)
                        : java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(body)))
                .build();
        var response =
            java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
