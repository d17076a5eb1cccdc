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

  @Test
  public void marketplaceCommands() throws Exception {
    java.nio.file.Path bundles = java.nio.file.Paths.get(System.getProperty(BUNDLES));
    // NGX Labs publishes the pricing calculator over REST
    JsonNode pub = call("POST", "/publishers", OPERATOR_KEY,
        "{\"name\":\"Shell Labs " + unique("p") + "\",\"email\":\"shell@labs.example\"}").expect(201).json();
    String pubKey = pub.path("apiKey").asText();
    send("POST", "/publishers/" + pub.path("id").asText() + "/certificates", pubKey, "application/x-pem-file",
        java.nio.file.Files.readAllBytes(bundles.resolve("target/signing/ngx-labs.pem"))).expect(201);
    String listing = call("POST", "/listings", pubKey, "{\"pluginId\":\"pricing-calculator\",\"name\":\"Pricing\","
        + "\"summary\":\"Quotes\",\"category\":\"module\",\"pricing\":{\"model\":\"free\"}}").expect(201).json()
        .path("id").asText();
    java.nio.file.Path jar;
    try (var files = java.nio.file.Files.list(bundles.resolve("com.ngx.skill.pricing/target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("com\\.ngx\\.skill\\.pricing-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
          .findFirst().orElseThrow();
    }
    String version = send("POST", "/listings/" + listing + "/versions", pubKey, "application/java-archive",
        java.nio.file.Files.readAllBytes(jar)).expect(202).json().path("version").asText();
    await(java.time.Duration.ofSeconds(60), "certification",
        () -> "published".equals(get("/listings/" + listing + "/versions/" + version, pubKey).json()
            .path("status").asText()));

    // the operator works it from the shell
    String slug = unique("mshell");
    shell("ngx:tenant-create " + slug + " \"Market Shell\"");
    String list = shell("ngx:market-list pricing");
    assertTrue(list, list.contains(listing) && list.contains("pricing-calculator"));
    String plan = shell("ngx:market-plan " + slug + " " + listing);
    assertTrue(plan, plan.contains("Allowed:       true") && plan.contains("Refresh:       []"));
    String installed = shell("ngx:market-install " + slug + " " + listing);
    assertTrue(installed, installed.contains("Installed pricing-calculator"));
    String installation = installed.replaceAll("(?s).*installation ([0-9a-f-]{36}).*", "$1");
    assertTrue(shell("ngx:market-installations").contains(installation));
    String gone = shell("ngx:market-uninstall --data purge " + slug + " " + installation);
    assertTrue(gone, gone.contains("data: purge"));
    assertTrue(!shell("ngx:market-installations").contains(installation));
  }

  @Test
  public void agentCommands() throws Exception {
    String slug = unique("ashell");
    shell("ngx:tenant-create " + slug + " \"Agent Shell\"");
    String keyOutput = shell("ngx:apikey-create " + slug + " builder");
    String key = keyOutput.lines().filter(l -> l.startsWith("ngx_t_")).findFirst().orElseThrow();
    String agent = call("POST", "/agents", key, "{\"name\":\"Shell agent\",\"language\":\"en\"}").expect(201).json()
        .path("id").asText();
    // a knowledge document (passages and their vectors in the tenant's schema: H2 and PostgreSQL)
    String boundary = "b" + unique("m");
    byte[] upload = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hours.md\"\r\n"
        + "Content-Type: text/markdown\r\n\r\n# Opening hours\n\nOur studio is open from 7 am to 9 pm every day.\r\n--"
        + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    send("POST", "/agents/" + agent + "/knowledge", key, "multipart/form-data; boundary=" + boundary, upload).expect(201);
    call("POST", "/agents/" + agent + "/publish", key, "{}").expect(201);

    String list = shell("ngx:agent-list " + slug);
    assertTrue(list, list.contains(agent) && list.contains("Shell agent") && list.contains("1 agent(s)"));
    String chat = shell("ngx:agent-chat -m \"a new online shop\" -m \"next month\" " + slug + " " + agent);
    assertTrue(chat, chat.contains("agent> Hi!") && chat.contains("node ask_timeline") && chat.contains("node ask_budget"));
    // the console conversation is a real one: stored, and counted like any other
    JsonNode conversations = get("/conversations?agentId=" + agent, key).expect(200).json();
    assertEquals(1, conversations.path("total").asInt());
    assertEquals("console", conversations.path("items").path(0).path("channel").asText());
    assertEquals(2, conversations.path("items").path(0).path("prospectMessages").asInt());
    String draft = shell("ngx:agent-chat --draft -m \"a new online shop\" -m \"when are you open?\" " + slug + " " + agent);
    assertTrue(draft, draft.contains("node ask_timeline") && draft.contains("9 pm"));
    assertEquals(1, get("/conversations?agentId=" + agent, key).expect(200).json().path("total").asInt());
  }

  @Test
  public void billingCommands() throws Exception {
    String slug = unique("bshell");
    shell("ngx:tenant-create " + slug + " \"Billing Shell\"");
    String key = shell("ngx:apikey-create " + slug + " billing").lines().filter(l -> l.startsWith("ngx_t_"))
        .findFirst().orElseThrow();
    JsonNode sub = call("POST", "/subscription", key, "{\"planId\":\"starter\",\"when\":\"now\"}").expect(200).json();
    assertEquals("trialing", sub.path("status").asText());
    // usage reaches billing through the agent engine's outbox (on this database too)
    String agent = call("POST", "/agents", key, "{\"name\":\"Billed agent\",\"language\":\"en\"}").expect(201).json()
        .path("id").asText();
    call("POST", "/agents/" + agent + "/publish", key, "{}").expect(201);
    String conversation = call("POST", "/conversations", key, "{\"agentId\":\"" + agent + "\"}").expect(201).json()
        .path("id").asText();
    call("POST", "/conversations/" + conversation + "/messages", key, "{\"text\":\"how much is it?\"}").expect(200);
    await(java.time.Duration.ofSeconds(40), "the conversation to be counted",
        () -> get("/usage", key).json().path("conversations").path("counted").asInt() == 1);

    // the trial ends: the operator runs billing from the console with the test clock moved
    String run = shell("ngx:billing-run --advance P15D");
    assertTrue(run, run.contains("invoices opened") && run.contains("succeeded"));
    String list = shell("ngx:invoice-show --tenant " + slug);
    assertTrue(list, list.contains("NGX-") && list.contains("open"));
    String invoice = get("/invoices", key).expect(200).json().path("items").path(0).path("id").asText();
    String shown = shell("ngx:invoice-show " + invoice);
    assertTrue(shown, shown.contains("Invoice NGX-") && shown.contains("Starter plan") && shown.contains("Total")
        && shown.contains("via manual: pending"));
    // a bank transfer arrives; the invoice is paid and the ledger reconciles (H2 and PostgreSQL)
    call("POST", "/operator/invoices/" + invoice + "/payments", OPERATOR_KEY, "{\"reference\":\"transfer\"}").expect(200);
    assertTrue(shell("ngx:invoice-show " + invoice).contains("[paid]"));
    String tenantId = get("/me", key).expect(200).json().path("id").asText();
    assertTrue(get("/operator/tenants/" + tenantId + "/ledger", OPERATOR_KEY).expect(200).json().path("reconciled")
        .asBoolean());
  }
}
