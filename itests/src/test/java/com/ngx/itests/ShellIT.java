package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

/** The operator's ngx:* shell commands, checked against the REST API. */
public class ShellIT extends NgxTestSupport {

  @Test
  public void tenantCommands() throws Exception {
    String slug = unique("shell");
    String created = shell("ngx:tenant-create " + slug + " \"Shell Made\"");
    assertTrue(created, created.contains("Provisioned tenant " + slug));
    JsonNode listed = get("/tenants?q=" + slug, OPERATOR_KEY).expect(200).json().path("items").path(0);
    assertEquals("Shell Made", listed.path("name").asText());
    String id = listed.path("id").asText();

    assertTrue(shell("ngx:tenant-list --limit 200").contains(slug));
    assertTrue(shell("ngx:tenant-list --status active --limit 200").contains(slug));

    String keyOutput = shell("ngx:apikey-create --scope settings:read " + slug + " ops");
    String secret = keyOutput.lines().filter(l -> l.startsWith("ngx_t_")).findFirst().orElseThrow();
    assertEquals(id, get("/me", secret).expect(200).json().path("id").asText());
    call("PUT", "/settings", secret, "{\"locale\":\"en\"}").problem(403);

    String suspended = shell("ngx:tenant-suspend " + slug + " \"chargeback\"");
    assertTrue(suspended, suspended.contains("suspended"));
    assertTrue(get("/me", secret).problem(403).path("detail").asText().contains("chargeback"));

    shell("ngx:tenant-reactivate " + id);
    get("/me", secret).expect(200);
  }

  @Test
  public void invalidInputIsAnError() throws Exception {
    try {
      shell("ngx:tenant-create NOT_VALID \"x\"");
      fail("expected an error");
    } catch (Exception e) {
      assertTrue(e.getMessage(), e.getMessage().contains("slug"));
    }
    try {
      shell("ngx:tenant-suspend no-such-tenant-here \"x\"");
      fail("expected an error");
    } catch (Exception e) {
      assertTrue(e.getMessage(), e.getMessage().contains("No tenant"));
    }
  }
}
