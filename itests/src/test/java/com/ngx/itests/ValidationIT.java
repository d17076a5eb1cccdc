package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
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
  public void oversizedBodiesGet413() throws IOException {
    int limit = 1_048_576;
    // with a Content-Length over the limit: refused from the length, before the body is read
    RawPost sized = RawPost.open(OPERATOR_KEY, "Content-Length: " + (limit + 1));
    // Jetty dispatches a request once some of its body has arrived: send a little, then stop
    sized.write("{\"slug\":".getBytes(StandardCharsets.US_ASCII));
    assertEquals(413, sized.status());
    assertTrue(sized.body(), sized.body().contains("application/problem+json"));
    // without a Content-Length (chunked): refused once the limit is crossed while it is read;
    // the client sends one chunk just over the limit and then waits, so nothing is in flight
    // when the server answers (a client still writing would see the connection closed)
    RawPost chunked = RawPost.open(OPERATOR_KEY, "Transfer-Encoding: chunked");
    byte[] json =
        ("{\"slug\":\"big\",\"name\":\"" + "x".repeat(limit) + "\"}").getBytes(StandardCharsets.US_ASCII);
    chunked.write((Integer.toHexString(json.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    chunked.write(json);
    chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(413, chunked.status());
    assertEquals(0, get("/tenants?q=big", OPERATOR_KEY).json().path("total").asInt());
  }

  /** A POST /tenants over a plain socket, so the test controls exactly what is sent when. */
  private static final class RawPost {
    private final Socket socket;
    private String head;
    private String body;

    private RawPost(Socket socket) {
      this.socket = socket;
    }

    static RawPost open(String key, String lengthHeader) throws IOException {
      Socket socket = new Socket("127.0.0.1", Integer.parseInt(System.getProperty(PORT)));
      socket.setSoTimeout(30_000);
      RawPost post = new RawPost(socket);
      post.write(("POST /api/v1/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
              + "\r\nConnection: close\r\nContent-Type: application/json\r\n" + lengthHeader + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return post;
    }

    void write(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    /** Reads the response head and (Content-Length delimited) body, then closes. */
    int status() throws IOException {
      try (socket) {
        var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        StringBuilder h = new StringBuilder();
        while (!h.toString().endsWith("\r\n\r\n")) {
          h.append((char) in.readUnsignedByte());
        }
        head = h.toString();
        var length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        byte[] b = new byte[length.find() ? Integer.parseInt(length.group(1)) : 0];
        in.readFully(b);
        body = new String(b, StandardCharsets.UTF_8);
        return Integer.parseInt(head.substring(9, 12));
      }
    }

    String body() {
      return head + body;
    }
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
}
