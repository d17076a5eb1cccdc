package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

/** Keys decide who the caller is; a tenant never reaches another tenant's data. */
public class AuthAndIsolationIT extends NgxTestSupport {

  @Test
  public void missingMalformedUnknownAndRevokedKeysGet401() {
    JsonNode tenant = provision(unique("auth"));
    String id = tenant.path("id").asText();
    Reply missing = get("/me", null);
    missing.problem(401);
    assertEquals("Bearer", missing.header("WWW-Authenticate").orElse(""));
    assertEquals(401, send("GET", "/me", null, null, null).status());
    // not the Bearer scheme
    HttpProblem.basic(base() + "/me");
    get("/me", "ngx_t_doesnotexist").problem(401);

    String key = key(id, "*");
    get("/me", key).expect(200);
    String keyId = get("/me", key).json().path("key").path("id").asText();
    call("DELETE", "/tenants/" + id + "/api-keys/" + keyId, OPERATOR_KEY, null).expect(204);
    get("/me", key).problem(401);
    // listed as revoked, never with its secret
    JsonNode keys = get("/tenants/" + id + "/api-keys", OPERATOR_KEY).expect(200).json();
    assertTrue(keys.path("items").path(0).hasNonNull("revokedAt"));
    assertTrue(keys.toString(), !keys.toString().contains(key));
  }

  @Test
  public void wrongKindOrScopeGets403() {
    JsonNode tenant = provision(unique("scope"));
    String id = tenant.path("id").asText();
    String readOnly = key(id, "settings:read");

    // a tenant key on every operator endpoint
    String[][] operatorOnly = {
      {"GET", "/tenants"},
      {"POST", "/tenants"},
      {"GET", "/tenants/" + id},
      {"PATCH", "/tenants/" + id},
      {"DELETE", "/tenants/" + id},
      {"POST", "/tenants/" + id + "/suspend"},
      {"POST", "/tenants/" + id + "/reactivate"},
      {"POST", "/tenants/" + id + "/purge"},
      {"GET", "/metrics"}
    };
    for (String[] endpoint : operatorOnly) {
      JsonNode problem = call(endpoint[0], endpoint[1], readOnly, "{}").problem(403);
      assertTrue(endpoint[1], problem.path("detail").asText().contains("operator"));
    }
    // an operator key on tenant endpoints
    get("/me", OPERATOR_KEY).problem(403);
    get("/settings", OPERATOR_KEY).problem(403);

    // scopes
    get("/settings", readOnly).expect(200);
    JsonNode problem = call("PUT", "/settings", readOnly, "{\"locale\":\"en\"}").problem(403);
    assertTrue(problem.path("detail").asText().contains("settings:write"));
    get("/tenants/" + id + "/api-keys", readOnly).problem(403);
    // a key can't grant what it doesn't hold
    String keyAdmin = key(id, "keys:write", "keys:read");
    call("POST", "/tenants/" + id + "/api-keys", keyAdmin, "{\"name\":\"x\",\"scopes\":[\"*\"]}").problem(403);
    call("POST", "/tenants/" + id + "/api-keys", keyAdmin, "{\"name\":\"x\",\"scopes\":[\"keys:read\"]}").expect(201);
    get("/tenants/" + id + "/api-keys", keyAdmin).expect(200);
  }

  @Test
  public void tenantsNeverSeeEachOther() {
    JsonNode a = provision(unique("iso-a"));
    JsonNode b = provision(unique("iso-b"));
    String aId = a.path("id").asText();
    String bId = b.path("id").asText();
    String aKey = key(aId, "*");
    String bKey = key(bId, "*");

    // each key is its own tenant, whatever the request says
    assertEquals(aId, get("/me", aKey).json().path("id").asText());
    assertEquals(bId, get("/me", bKey).json().path("id").asText());

    // tenant-owned data lives in each tenant's schema
    call("PUT", "/settings", aKey, "{\"locale\":\"es-MX\",\"timeZone\":\"America/Mexico_City\",\"currency\":\"MXN\"}").expect(200);
    assertEquals("es-MX", get("/settings", aKey).json().path("locale").asText());
    assertEquals("en", get("/settings", bKey).json().path("locale").asText());
    assertEquals("USD", get("/settings", bKey).json().path("currency").asText());

    // every tenant-addressed endpoint, tried with the other tenant's id: 404, as for no tenant
    String bKeyId = get("/me", bKey).json().path("key").path("id").asText();
    Reply[] across = {
      get("/tenants/" + bId + "/api-keys", aKey),
      call("POST", "/tenants/" + bId + "/api-keys", aKey, "{\"name\":\"x\",\"scopes\":[\"*\"]}"),
      call("DELETE", "/tenants/" + bId + "/api-keys/" + bKeyId, aKey, null),
      call("DELETE", "/tenants/" + aId + "/api-keys/" + bKeyId, aKey, null)
    };
    String unknown = "00000000-0000-0000-0000-000000000000";
    JsonNode none = get("/tenants/" + unknown + "/api-keys", aKey).problem(404);
    for (Reply reply : across) {
      JsonNode problem = reply.problem(404);
      assertEquals(none.path("title").asText(), problem.path("title").asText());
    }
    // B's key still works: nothing was revoked or created across
    get("/me", bKey).expect(200);
    assertEquals(1, get("/tenants/" + bId + "/api-keys", OPERATOR_KEY).json().path("total").asInt());
  }

  /** A request with the Basic scheme, which the API does not accept. */
  private static final class HttpProblem {
    static void basic(String url) {
      try {
        var response =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .header("Authorization", "Basic dXNlcjpwYXNz")
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Bearer"));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
