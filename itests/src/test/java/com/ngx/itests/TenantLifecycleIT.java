package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.persistence.TenantSchemas;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

/** The operator's tenant lifecycle over REST: provision → … → purge, with the tenant's key. */
public class TenantLifecycleIT extends NgxTestSupport {

  @Test
  public void provisionSuspendReactivateDeleteRestorePurge() {
    String slug = unique("life");
    JsonNode created = provision(slug);
    String id = created.path("id").asText();
    assertEquals(slug, created.path("slug").asText());
    assertEquals("active", created.path("status").asText());
    assertTrue("the tenant's schema exists", schemas().exists("t_" + slug.replace('-', '_')));

    String key = key(id, "*");
    assertEquals(id, get("/me", key).expect(200).json().path("id").asText());
    assertEquals(slug, get("/tenants/" + id, OPERATOR_KEY).expect(200).json().path("slug").asText());

    // rename and own rate limit
    JsonNode updated =
        call("PATCH", "/tenants/" + id, OPERATOR_KEY, "{\"name\":\"Renamed\",\"limits\":{\"ratePerSecond\":7,\"rateBurst\":9}}")
            .expect(200)
            .json();
    assertEquals("Renamed", updated.path("name").asText());
    assertEquals(7, updated.path("limits").path("ratePerSecond").asInt());

    // suspended: the key gets 403 with the reason; the tenant is listed as suspended
    call("POST", "/tenants/" + id + "/suspend", OPERATOR_KEY, "{\"reason\":\"unpaid invoice 42\"}").expect(200);
    JsonNode problem = get("/me", key).problem(403);
    assertTrue(problem.path("detail").asText(), problem.path("detail").asText().contains("unpaid invoice 42"));
    assertTrue(listed("suspended", slug));
    assertFalse(listed("active", slug));

    call("POST", "/tenants/" + id + "/reactivate", OPERATOR_KEY, null).expect(200);
    get("/me", key).expect(200);
    assertTrue(listed("active", slug));

    // deleted: keys are refused as unknown, the data waits for the grace period
    JsonNode deleted = call("DELETE", "/tenants/" + id, OPERATOR_KEY, null).expect(200).json();
    assertEquals("deleted", deleted.path("status").asText());
    Instant purgeAfter = Instant.parse(deleted.path("purgeAfter").asText());
    Instant deletedAt = Instant.parse(deleted.path("deletedAt").asText());
    assertEquals(Duration.ofDays(30), Duration.between(deletedAt, purgeAfter));
    get("/me", key).problem(401);
    assertTrue("data kept during the grace period", schemas().exists("t_" + slug.replace('-', '_')));

    // restored within the grace period, with its data and keys
    call("POST", "/tenants/" + id + "/reactivate", OPERATOR_KEY, null).expect(200);
    get("/me", key).expect(200);

    // purge is only for deleted tenants
    call("POST", "/tenants/" + id + "/purge", OPERATOR_KEY, null).problem(409);
    call("DELETE", "/tenants/" + id, OPERATOR_KEY, null).expect(200);
    JsonNode purged = call("POST", "/tenants/" + id + "/purge", OPERATOR_KEY, null).expect(200).json();
    assertEquals("purged", purged.path("status").asText());
    assertFalse("schema dropped", schemas().exists("t_" + slug.replace('-', '_')));
    assertFalse("purged tenants are not listed by default", listed(null, slug));
    assertTrue(listed("purged", slug));
    // the slug stays taken: a subdomain is never handed to someone else
    call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}").problem(409);
    call("POST", "/tenants/" + id + "/reactivate", OPERATOR_KEY, null).problem(409);
  }

  @Test
  public void slugRules() {
    // each case: an invalid slug, rejected with a problem naming the field "slug"
    String[] invalid = {
      "ab", // too short
      "a".repeat(41), // too long
      "Acme", // uppercase
      "1acme", // starts with a digit
      "acme-", // ends with a hyphen
      "ac--me", // double hyphen
      "ac_me", // underscore
      "www", // reserved
      "" // empty
    };
    for (String slug : invalid) {
      JsonNode problem =
          call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"X\"}").problem(400);
      assertEquals("slug '" + slug + "'", "slug", problem.path("errors").path(0).path("field").asText());
    }
    String slug = unique("dup");
    provision(slug);
    JsonNode conflict =
        call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"X\"}").problem(409);
    assertEquals("slug", conflict.path("errors").path(0).path("field").asText());
    // 40 characters is fine
    provision("b" + unique("x").replace("-", "").substring(1) + "c".repeat(30)).path("id").asText();
  }

  @Test
  public void listIsPaginatedAndFiltered() {
    String prefix = unique("page");
    for (int i = 0; i < 5; i++) {
      provision(prefix + "-" + i);
    }
    JsonNode first = get("/tenants?q=" + prefix + "&limit=2&offset=0", OPERATOR_KEY).expect(200).json();
    assertEquals(5, first.path("total").asInt());
    assertEquals(2, first.path("items").size());
    JsonNode last = get("/tenants?q=" + prefix + "&limit=2&offset=4", OPERATOR_KEY).expect(200).json();
    assertEquals(1, last.path("items").size());
    // newest first
    assertEquals(prefix + "-4", first.path("items").path(0).path("slug").asText());
    assertEquals(prefix + "-0", last.path("items").path(0).path("slug").asText());
    assertNotNull(get("/tenants?status=active&limit=200", OPERATOR_KEY).expect(200).json().path("items"));
    get("/tenants?limit=0", OPERATOR_KEY).problem(400);
    get("/tenants?offset=-1", OPERATOR_KEY).problem(400);
  }

  private static boolean listed(String status, String slug) {
    String query = "/tenants?q=" + slug + (status == null ? "" : "&status=" + status);
    for (JsonNode t : get(query, OPERATOR_KEY).expect(200).json().path("items")) {
      if (slug.equals(t.path("slug").asText())) {
        return true;
      }
    }
    return false;
  }

  private TenantSchemas schemas() {
    ServiceReference<TenantSchemas> ref = bundleContext.getServiceReference(TenantSchemas.class);
    return bundleContext.getService(ref);
  }
}
