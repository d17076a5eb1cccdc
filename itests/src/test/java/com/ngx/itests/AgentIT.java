package com.ngx.itests;

import static com.ngx.itests.RunningDistribution.JSON;
import static com.ngx.itests.RunningDistribution.OPERATOR_KEY;
import static com.ngx.itests.RunningDistribution.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sales agent engine in the real distribution, over HTTP: the demo publishes the five vertical
 * template plugins through the marketplace and installs them for the demo tenant; agents are
 * created from each, and scripted prospects talk them to conversion in English and Spanish.
 * Knowledge (a PDF with a cited answer), A/B assignment, compliance, the widget with its origin
 * checks, large intent sets and cross-tenant access are checked the same way.
 */
class AgentIT {
  static final List<String> VERTICALS = List.of("fitness", "professional", "saas", "realestate", "healthcare");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RunningDistribution ngx;
  private static String demo;

  @BeforeAll
  static void start() throws Exception {
    // the integrations' tests reach a local server (webhook receiver, chat-completions server)
    ngx = RunningDistribution.start(true, "system.properties",
        "ngx.webhook.allowPrivateTargets = true\nngx.llm.openai.allowPrivateTargets = true");
    Properties credentials = new Properties();
    try (InputStream in = Files.newInputStream(ngx.home.resolve("data/ngx-credentials.env"))) {
      credentials.load(in);
    }
    demo = credentials.getProperty("NGX_DEMO_TENANT_KEY");
    RunningDistribution.await(Duration.ofSeconds(180), "the demo's templates to be installed", () -> {
      try {
        return expect(200, ngx.get("/templates", demo)).size() == VERTICALS.size();
      } catch (IOException e) {
        return false;
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (ngx != null) {
      ngx.close();
    }
  }

  @Test
  void everyVerticalTemplateSellsEndToEndInEnglishAndSpanish() throws Exception {
    JsonNode templates = expect(200, ngx.get("/templates", demo));
    Set<String> ids = new HashSet<>();
    templates.forEach(t -> {
      ids.add(t.path("id").asText());
      assertEquals("[\"en\",\"es\"]", t.path("languages").toString(), t.toString());
      assertFalse(t.path("name").asText().isBlank(), t.toString());
    });
    assertEquals(Set.copyOf(VERTICALS), ids);

    for (String vertical : VERTICALS) {
      JsonNode scripts = JSON.readTree(AgentIT.class.getResourceAsStream("/conversations/" + vertical + ".json"));
      for (String language : List.of("en", "es")) {
        String agent = agent(demo, vertical + " " + language, language, vertical);
        JsonNode definition = expect(200, ngx.get("/agents/" + agent + "/definition", demo));
        assertTrue(definition.path("objections").size() >= 25, vertical + " has " + definition.path("objections").size() + " objections");
        // the template's ROI model computes, exactly and the same way every time
        JsonNode roi = expect(200, ngx.post("/agents/" + agent + "/roi", demo, "{\"inputs\":{}}"));
        assertFalse(roi.path("outputs").isEmpty(), roi.toString());
        assertEquals(roi, expect(200, ngx.post("/agents/" + agent + "/roi", demo, "{\"inputs\":{}}")));
        publish(demo, agent);
        JsonNode start = expect(201, ngx.post("/conversations", demo, "{\"agentId\":\"" + agent + "\",\"language\":\"" + language + "\"}"));
        String conversation = start.path("id").asText();
        assertFalse(start.path("reply").asText().isBlank());
        JsonNode last = null;
        List<String> path = new ArrayList<>();
        for (JsonNode m : scripts.path(language)) {
          last = expect(200, ngx.post("/conversations/" + conversation + "/messages", demo, JSON.writeValueAsString(Map.of("text", m.asText()))));
          last.path("path").forEach(p -> path.add(p.asText()));
          assertTrue(last.has("node") && last.has("intent") && last.has("objection") && last.has("sources"), last.toString());
        }
        String where = vertical + "/" + language + " path " + path + " last " + last;
        assertTrue(last.path("converted").asBoolean(), where);
        assertEquals("ended", last.path("status").asText(), where);
        assertTrue(last.path("leadScore").asInt() >= 60, where);
        assertTrue(path.contains("consent") && path.contains("offer"), where);
        JsonNode transcript = expect(200, ngx.get("/conversations/" + conversation, demo));
        assertEquals(1 + 2 * scripts.path(language).size(), transcript.path("messages").size(), transcript.toString());
        assertTrue(transcript.path("qualified").asBoolean(), transcript.toString());
        assertEquals("laura@example.com", transcript.path("slots").path("email").path("value").asText(), transcript.toString());
        assertTrue(transcript.path("consent").asBoolean(), transcript.toString());
      }
    }
    JsonNode leads = expect(200, ngx.get("/leads?limit=50", demo));
    assertTrue(leads.path("total").asInt() >= 10, leads.toString());
    JsonNode converted = expect(200, ngx.get("/conversations?converted=true&limit=50", demo));
    assertTrue(converted.path("total").asInt() >= 10, converted.toString());
  }

  @Test
  void aPdfInTheKnowledgeBaseAnswersWithItsSource() throws Exception {
    String tenant = tenantKey("kb-" + suffix());
    String agent = agent(tenant, "Docs agent", "en", null);
    byte[] pdf = pdf(List.of(
        "Acme Rockets company handbook. Our office is in Lisbon and we build small satellites.",
        "Warranty. Every Acme rocket engine carries a warranty of 7 years covering parts and labour."));
    JsonNode doc = expect(201, upload(tenant, "/agents/" + agent + "/knowledge", "handbook.pdf", "application/pdf", pdf));
    assertEquals("application/pdf", doc.path("mediaType").asText(), doc.toString());
    assertTrue(doc.path("chunks").asInt() >= 1, doc.toString());
    // bad input: an unsupported type names the field
    JsonNode bad = expect(400, upload(tenant, "/agents/" + agent + "/knowledge", "x.zip", "application/zip", new byte[] {1, 2, 3}));
    assertEquals("file", bad.path("errors").path(0).path("field").asText(), bad.toString());
    publish(tenant, agent);
    String conversation = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
    JsonNode answer = expect(200, ngx.post("/conversations/" + conversation + "/messages", tenant,
        "{\"text\":\"How long is the warranty on your rocket engines?\"}"));
    assertTrue(answer.path("reply").asText().contains("7 years"), answer.toString());
    JsonNode source = answer.path("sources").path(0);
    assertEquals(doc.path("id").asText(), source.path("documentId").asText(), answer.toString());
    assertEquals(2, source.path("page").asInt(), answer.toString());
    assertTrue(source.path("quote").asText().contains("7 years"), answer.toString());
    // re-index on change: replace the document, the answer follows
    byte[] v2 = pdf(List.of("Acme Rockets handbook, second edition.", "Warranty. Engines now carry a warranty of 10 years."));
    expect(200, upload(tenant, "/agents/" + agent + "/knowledge/" + doc.path("id").asText(), "handbook.pdf", "application/pdf", v2, "PUT"));
    String again = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
    JsonNode updated = expect(200, ngx.post("/conversations/" + again + "/messages", tenant,
        "{\"text\":\"How long is the warranty on your rocket engines?\"}"));
    assertTrue(updated.path("reply").asText().contains("10 years"), updated.toString());
  }

  @Test
  void abAssignmentIsStablePerConversationAndReported() throws Exception {
    String tenant = tenantKey("ab-" + suffix());
    expect(201, ngx.post("/installations", tenant, "{\"listingId\":\"" + listing("vertical-saas") + "\"}"));
    String agent = agent(tenant, "AB agent", "en", "saas");
    publish(tenant, agent);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      JsonNode start = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}"));
      String id = start.path("id").asText();
      String variant = expect(200, ngx.get("/conversations/" + id, tenant)).path("assignments").path("greeting-test").asText();
      assertTrue(variant.equals("a") || variant.equals("b"), variant);
      counts.merge(variant, 1, Integer::sum);
      expect(200, ngx.post("/conversations/" + id + "/messages", tenant, "{\"text\":\"hello there\"}"));
      assertEquals(variant, expect(200, ngx.get("/conversations/" + id, tenant)).path("assignments").path("greeting-test").asText());
    }
    assertEquals(2, counts.size(), counts.toString());
    // the same simulated conversation always gets the same variant
    String sim1 = expect(200, ngx.post("/agents/" + agent + "/simulate", tenant, "{\"seed\":\"s-1\",\"messages\":[]}")).path("steps").path(0).path("reply").asText();
    String sim2 = expect(200, ngx.post("/agents/" + agent + "/simulate", tenant, "{\"seed\":\"s-1\",\"messages\":[]}")).path("steps").path(0).path("reply").asText();
    assertEquals(sim1, sim2);
    JsonNode results = expect(200, ngx.get("/agents/" + agent + "/experiments", tenant));
    JsonNode greeting = results.path(0);
    assertEquals("greeting-test", greeting.path("experiment").asText(), results.toString());
    int total = 0;
    for (JsonNode v : greeting.path("variants")) {
      total += v.path("conversations").asInt();
    }
    assertEquals(30, total, results.toString());
    assertTrue(greeting.path("variants").path(1).has("pValue"), results.toString());
    JsonNode promoted = expect(200, ngx.post("/agents/" + agent + "/experiments/greeting-test/promote", tenant, "{\"variant\":\"b\"}"));
    assertEquals("b", promoted.path("promoted").asText());
    assertEquals(0, expect(200, ngx.get("/agents/" + agent + "/experiments", tenant)).size());
  }

  @Test
  void complianceRulesAreEnforcedByTheEngine() throws Exception {
    String tenant = tenantKey("cmp-" + suffix());
    expect(201, ngx.post("/installations", tenant, "{\"listingId\":\"" + listing("vertical-healthcare") + "\"}"));
    String agent = agent(tenant, "Clinic", "en", "healthcare");
    publish(tenant, agent);
    JsonNode start = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}"));
    assertTrue(start.path("compliance").toString().contains("notice:privacy"), start.toString());
    String id = start.path("id").asText();
    JsonNode refused = expect(200, ngx.post("/conversations/" + id + "/messages", tenant,
        "{\"text\":\"I have a bad headache and fever, what medication and dose should I take?\"}"));
    assertTrue(refused.path("compliance").toString().contains("refused:no-diagnosis"), refused.toString());
    // contact data before consent is not stored
    JsonNode early = expect(200, ngx.post("/conversations/" + id + "/messages", tenant,
        "{\"text\":\"a check-up please, my email is early@example.com\"}"));
    assertTrue(early.path("compliance").toString().contains("withheld:email"), early.toString());
    JsonNode transcript = expect(200, ngx.get("/conversations/" + id, tenant));
    assertTrue(transcript.path("slots").path("email").isMissingNode(), transcript.toString());
  }

  @Test
  void theWidgetIsBoundToItsKeyAndAllowedOrigins() throws Exception {
    String tenant = tenantKey("wg-" + suffix());
    String agent = agent(tenant, "Widget agent", "en", null);
    publish(tenant, agent);
    JsonNode widget = expect(201, ngx.post("/agents/" + agent + "/widgets", tenant,
        "{\"allowedOrigins\":[\"https://shop.example\"],\"brand\":{\"title\":\"Shop\",\"primaryColor\":\"#112233\"}}"));
    String key = widget.path("key").asText();
    assertTrue(widget.path("snippet").asText().contains(key), widget.toString());
    expect(400, ngx.post("/agents/" + agent + "/widgets", tenant, "{\"allowedOrigins\":[\"javascript:alert(1)\"]}"));

    HttpResponse<String> script = ngx.get("/widget/widget.js", null);
    assertEquals(200, script.statusCode());
    assertTrue(script.body().contains("NGXChat"));

    HttpResponse<String> config = origin("GET", "/widget/" + key + "/config", "https://shop.example", null, null);
    assertEquals(200, config.statusCode(), config.body());
    assertEquals("https://shop.example", config.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    JsonNode c = JSON.readTree(config.body());
    assertEquals("#112233", c.path("brand").path("primaryColor").asText());
    assertTrue(c.path("platformBranding").isBoolean(), c.toString());

    HttpResponse<String> evil = origin("GET", "/widget/" + key + "/config", "https://evil.example", null, null);
    assertEquals(403, evil.statusCode());
    assertTrue(evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    HttpResponse<String> preflight = origin("OPTIONS", "/widget/" + key + "/conversations", "https://shop.example", null, null);
    assertTrue(preflight.statusCode() < 300, preflight.toString());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("X-NGX-Conversation-Token"));

    HttpResponse<String> started = origin("POST", "/widget/" + key + "/conversations", "https://shop.example", null, "{}");
    assertEquals(201, started.statusCode(), started.body());
    JsonNode s = JSON.readTree(started.body());
    String token = s.path("token").asText();
    String conversation = s.path("id").asText();
    HttpResponse<String> noToken = origin("POST", "/widget/" + key + "/conversations/" + conversation + "/messages",
        "https://shop.example", null, "{\"text\":\"hi\"}");
    assertEquals(403, noToken.statusCode());
    assertEquals("https://shop.example", noToken.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        "problems carry CORS headers so the widget can read them");
    HttpResponse<String> ok = origin("POST", "/widget/" + key + "/conversations/" + conversation + "/messages",
        "https://shop.example", token, "{\"text\":\"I need a new website\"}");
    assertEquals(200, ok.statusCode(), ok.body());
    // the conversation belongs to the widget's tenant, and counts as its usage
    JsonNode transcript = expect(200, ngx.get("/conversations/" + conversation, tenant));
    assertEquals("web", transcript.path("channel").asText());
    assertEquals(1, transcript.path("prospectMessages").asInt());
    // revoked keys stop working
    expect(204, ngx.send("DELETE", "/agents/" + agent + "/widgets/" + key, tenant, null, null));
    RunningDistribution.await(Duration.ofSeconds(10), "the revoked key to stop working", () -> {
      try {
        return origin("GET", "/widget/" + key + "/config", "https://shop.example", null, null).statusCode() == 404;
      } catch (Exception e) {
        return false;
      }
    });
    // a public key is rate-limited per visitor: a flood gets 429 with Retry-After, readable by the page
    String busy = expect(201, ngx.post("/agents/" + agent + "/widgets", tenant, "{\"allowedOrigins\":[\"https://shop.example\"]}"))
        .path("key").asText();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 60 && limited == null; i++) {
      HttpResponse<String> r = origin("GET", "/widget/" + busy + "/config", "https://shop.example", null, null);
      if (r.statusCode() == 429) {
        limited = r;
      }
    }
    assertTrue(limited != null, "no 429 after 60 requests");
    assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    assertEquals("https://shop.example", limited.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  @Test
  void thePlanDecidesWhetherTheWidgetShowsThePlatformsBranding() throws Exception {
    // a tenant on the freemium plan: its widget says "Powered by NGX"
    String free = tenantKey("fr-" + suffix());
    plan(free, "freemium");
    String freeWidget = widget(free);
    JsonNode config = JSON.readTree(origin("GET", "/widget/" + freeWidget + "/config", "https://shop.example", null, null).body());
    assertTrue(config.path("platformBranding").asBoolean(), config.toString());
    assertEquals("NGX", config.path("platformName").asText(), config.toString());
    assertTrue(ngx.get("/widget/widget.js", null).body().contains("Powered by {n}"), "the widget renders it");

    // a tenant on a paid plan: no platform branding, from the moment the plan changes
    String paid = tenantKey("pd-" + suffix());
    String paidWidget = widget(paid);
    plan(paid, "growth");
    RunningDistribution.await(Duration.ofSeconds(10), "the growth plan to hide the platform's branding", () -> {
      try {
        HttpResponse<String> r = origin("GET", "/widget/" + paidWidget + "/config", "https://shop.example", null, null);
        return r.statusCode() == 200 && !JSON.readTree(r.body()).path("platformBranding").asBoolean(true);
      } catch (Exception e) {
        return false;
      }
    });
    // the freemium tenant's widget is unchanged
    config = JSON.readTree(origin("GET", "/widget/" + freeWidget + "/config", "https://shop.example", null, null).body());
    assertTrue(config.path("platformBranding").asBoolean(), config.toString());
  }

  @Test
  void hundredsOfIntentsAreAcceptedAndClassified() throws Exception {
    String tenant = tenantKey("int-" + suffix());
    String agent = agent(tenant, "Big intents", "en", null);
    ArrayNode intents = JSON.createArrayNode();
    for (int i = 0; i < 500; i++) {
      ObjectNode intent = intents.addObject().put("name", "topic-" + i);
      ArrayNode examples = intent.putArray("examples");
      for (int j = 0; j < 100; j++) {
        examples.add("question " + j + " about product line " + i + " and its option " + (i * 7 + j) % 97);
      }
    }
    intents.set(0, JSON.createObjectNode().put("name", "refund").set("examples",
        JSON.createArrayNode().add("I want my money back").add("how do I get a refund").add("can I return it for a refund")));
    JsonNode put = expect(200, ngx.send("PUT", "/agents/" + agent + "/intents", tenant, "application/json", JSON.writeValueAsBytes(intents)));
    assertEquals(500, put.path("intents").asInt(), put.toString());
    JsonNode classified = expect(200, ngx.post("/agents/" + agent + "/classify", tenant, "{\"text\":\"I would like a refund please\"}"));
    assertEquals("refund", classified.path("matches").path(0).path("intent").asText(), classified.toString());
    assertFalse(classified.path("outOfScope").asBoolean(), classified.toString());
    // an invalid intent names its place
    JsonNode bad = expect(400, ngx.send("PUT", "/agents/" + agent + "/intents", tenant, "application/json",
        "[{\"name\":\"Bad Name\",\"examples\":[]}]".getBytes()));
    assertTrue(bad.toString().contains("intents[0].name"), bad.toString());
  }

  @Test
  void flowsAreValidatedWithPreciseErrorsAndVersionsRollBack() throws Exception {
    String tenant = tenantKey("flow-" + suffix());
    String agent = agent(tenant, "Flow agent", "es", null);
    ObjectNode definition = (ObjectNode) expect(200, ngx.get("/agents/" + agent + "/definition", tenant));
    ObjectNode broken = definition.deepCopy();
    ((ObjectNode) broken.path("flow").path("nodes").path(1)).put("slot", "shoe_size");
    ((ObjectNode) broken.path("flow").path("nodes").path(0)).put("next", "nowhere");
    JsonNode errors = expect(400, ngx.send("PUT", "/agents/" + agent + "/definition", tenant, "application/json", JSON.writeValueAsBytes(broken)));
    assertTrue(errors.toString().contains("flow.nodes[ask_need].slot"), errors.toString());
    assertTrue(errors.toString().contains("flow.nodes[welcome].next"), errors.toString());
    assertEquals(1, publish(tenant, agent));
    ((ObjectNode) definition.path("responses").path("greeting")).put("es", "¡Hola! Versión dos.");
    expect(200, ngx.send("PUT", "/agents/" + agent + "/definition", tenant, "application/json", JSON.writeValueAsBytes(definition)));
    // the draft changes, the live version does not until it is published
    assertFalse(start(tenant, agent).contains("Versión dos"));
    assertEquals(2, publish(tenant, agent));
    assertTrue(start(tenant, agent).contains("Versión dos"));
    expect(200, ngx.post("/agents/" + agent + "/rollback", tenant, "{\"version\":1}"));
    assertFalse(start(tenant, agent).contains("Versión dos"));
    // golden conversations guard publishing
    expect(201, ngx.post("/agents/" + agent + "/goldens", tenant, "{\"name\":\"basic\",\"messages\":[\"necesito una web nueva\"]}"));
    JsonNode run = expect(200, ngx.post("/agents/" + agent + "/goldens/run", tenant, null));
    assertEquals(1, run.path("passed").asInt(), run.toString());
  }

  @Test
  void anotherTenantCannotReachAnAgentOrItsConversations() throws Exception {
    String owner = tenantKey("own-" + suffix());
    String other = tenantKey("oth-" + suffix());
    String agent = agent(owner, "Private agent", "en", null);
    publish(owner, agent);
    String conversation = expect(201, ngx.post("/conversations", owner, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
    expect(404, ngx.get("/agents/" + agent, other));
    expect(404, ngx.get("/agents/" + agent + "/definition", other));
    expect(404, ngx.post("/agents/" + agent + "/classify", other, "{\"text\":\"hi\"}"));
    expect(404, ngx.post("/conversations", other, "{\"agentId\":\"" + agent + "\"}"));
    expect(404, ngx.get("/conversations/" + conversation, other));
    expect(404, ngx.post("/conversations/" + conversation + "/messages", other, "{\"text\":\"hi\"}"));
    expect(404, ngx.get("/agents/" + agent + "/knowledge", other));
    assertEquals(0, expect(200, ngx.get("/conversations", other)).path("total").asInt());
    expect(401, ngx.get("/agents", null));
    // the other tenant's own list does not show it
    assertEquals(0, expect(200, ngx.get("/agents", other)).path("total").asInt());
    assertNull(null);
    assertNotEquals(owner, other);
  }

  @Test
  void qualifiedLeadsReachTheLeadSinkAndALanguageModelPhrasesGroundedAnswers() throws Exception {
    List<String> hooks = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> chats = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean[] modelDown = new boolean[1];
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          + "\n" + exchange.getRequestHeaders().getFirst("X-NGX-Signature"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    // speaks the documented chat-completions protocol (POST /v1/chat/completions)
    server.createContext("/v1/chat/completions", exchange -> {
      chats.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = modelDown[0]
          ? "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8)
          : ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
              + "\"assistant\",\"content\":\"Every engine comes with a seven-year warranty.\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(modelDown[0] ? 503 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String local = "http://127.0.0.1:" + server.getAddress().getPort();
      String tenant = tenantKey("int-" + suffix());
      expect(201, ngx.post("/installations", tenant, JSON.writeValueAsString(Map.of("listingId", listing("webhook-lead-sink"),
          "settings", Map.of("url", local + "/hook", "secret", "integration-test-secret-0123456789")))));
      expect(201, ngx.post("/installations", tenant, JSON.writeValueAsString(Map.of("listingId", listing("llm-openai"),
          "settings", Map.of("baseUrl", local + "/v1", "model", "test-model")))));
      String agent = agent(tenant, "Engines", "en", null);
      String document = expect(201, upload(tenant, "/agents/" + agent + "/knowledge", "warranty.txt", "text/plain",
          "Warranty. Every Acme rocket engine carries a warranty of 7 years covering parts and labour.".getBytes(StandardCharsets.UTF_8)))
          .path("id").asText();
      ObjectNode definition = (ObjectNode) expect(200, ngx.get("/agents/" + agent + "/definition", tenant));
      definition.putObject("settings").put("languageModel", "llm-openai");
      expect(200, ngx.send("PUT", "/agents/" + agent + "/definition", tenant, "application/json", JSON.writeValueAsBytes(definition)));
      publish(tenant, agent);

      String c = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
      JsonNode phrased = expect(200, ngx.post("/conversations/" + c + "/messages", tenant, "{\"text\":\"How long is the warranty on an engine?\"}"));
      assertTrue(phrased.path("reply").asText().startsWith("Every engine comes with a seven-year warranty."), phrased.toString());
      assertEquals(document, phrased.path("sources").path(0).path("documentId").asText(), phrased.toString());
      assertTrue(chats.get(0).contains("7 years") && chats.get(0).contains("test-model"), "the model only sees the retrieved passage: " + chats.get(0));
      // the model failing never fails the conversation: the quoted passage answers
      modelDown[0] = true;
      String c2 = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
      JsonNode extractive = expect(200, ngx.post("/conversations/" + c2 + "/messages", tenant, "{\"text\":\"How long is the warranty on an engine?\"}"));
      assertTrue(extractive.path("reply").asText().contains("7 years"), extractive.toString());

      // a qualifying conversation: the lead goes to the installed webhook lead sink, signed
      String q = expect(201, ngx.post("/conversations", tenant, "{\"agentId\":\"" + agent + "\"}")).path("id").asText();
      for (String m : List.of("a new website for my shop", "next month", "around $2,000")) {
        expect(200, ngx.post("/conversations/" + q + "/messages", tenant, JSON.writeValueAsString(Map.of("text", m))));
      }
      assertTrue(expect(200, ngx.get("/conversations/" + q, tenant)).path("qualified").asBoolean());
      RunningDistribution.await(Duration.ofSeconds(30), "the lead at the webhook", () -> hooks.stream().anyMatch(h -> h.contains(q)));
      String hook = hooks.stream().filter(h -> h.contains(q)).findFirst().orElseThrow();
      assertTrue(hook.contains("v1="), "signed: " + hook);
      RunningDistribution.await(Duration.ofSeconds(10), "the delivery recorded", () -> {
        try {
          return expect(200, ngx.get("/leads", tenant)).path("items").path(0).path("deliveries").toString().contains("\"delivered\":true");
        } catch (IOException e) {
          return false;
        }
      });
    } finally {
      server.stop(0);
    }
  }

  // ---- helpers

  static String agent(String key, String name, String language, String template) throws Exception {
    String body = template == null
        ? "{\"name\":\"" + name + "\",\"language\":\"" + language + "\"}"
        : "{\"name\":\"" + name + "\",\"language\":\"" + language + "\",\"templateId\":\"" + template + "\"}";
    return expect(201, ngx.post("/agents", key, body)).path("id").asText();
  }

  static int publish(String key, String agent) throws Exception {
    return expect(201, ngx.post("/agents/" + agent + "/publish", key, "{}")).path("version").asInt();
  }

  static String start(String key, String agent) throws Exception {
    return expect(201, ngx.post("/conversations", key, "{\"agentId\":\"" + agent + "\"}")).path("reply").asText();
  }

  static String listing(String pluginId) throws Exception {
    for (JsonNode item : expect(200, ngx.get("/catalog?q=" + pluginId, demo)).path("items")) {
      if (pluginId.equals(item.path("pluginId").asText())) {
        return item.path("id").asText();
      }
    }
    throw new AssertionError("no listing " + pluginId);
  }

  static String tenantKey(String slug) throws Exception {
    String id = expect(201, ngx.post("/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}")).path("id").asText();
    return expect(201, ngx.post("/tenants/" + id + "/api-keys", OPERATOR_KEY, "{\"name\":\"it\",\"scopes\":[\"*\"]}")).path("key").asText();
  }

  /** Moves the tenant to {@code planId} now (billing's tenant API). */
  static JsonNode plan(String key, String planId) throws Exception {
    HttpResponse<String> r = ngx.post("/subscription", key, "{\"planId\":\"" + planId + "\",\"when\":\"now\"}");
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, () -> "POST /subscription -> " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  /** A widget key of a new agent of the tenant, for pages on https://shop.example. */
  static String widget(String key) throws Exception {
    String agent = agent(key, "Branding agent", "en", null);
    return expect(201, ngx.post("/agents/" + agent + "/widgets", key,
        "{\"allowedOrigins\":[\"https://shop.example\"],\"brand\":{\"title\":\"Shop\"}}")).path("key").asText();
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpResponse<String> upload(String key, String path, String file, String type, byte[] content) throws Exception {
    return upload(key, path, file, type, content, "POST");
  }

  private static HttpResponse<String> upload(String key, String path, String file, String type, byte[] content, String method)
      throws Exception {
    String boundary = "ngx" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file
        + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return ngx.send(method, path, key, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private static HttpResponse<String> origin(String method, String path, String origin, String token, String json) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(ngx.api + path)).timeout(Duration.ofSeconds(30)).header("Origin", origin);
    if (token != null) {
      r.header("X-NGX-Conversation-Token", token);
    }
    if (method.equals("OPTIONS")) {
      r.header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type,x-ngx-conversation-token");
    }
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    r.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] pdf(List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
          s.beginText();
          s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          s.newLineAtOffset(50, 700);
          s.showText(text);
          s.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }
}
