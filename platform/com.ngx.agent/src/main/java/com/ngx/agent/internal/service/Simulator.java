package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.engine.ConversationState;
import com.ngx.agent.internal.engine.Engine;
import com.ngx.agent.internal.engine.Turn;
import com.ngx.agent.internal.store.AgentEntity;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.GoldenEntity;
import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs scripted conversations against a draft or a published version without storing anything
 * or counting usage, and keeps golden conversations: scripts with the path the agent must take,
 * re-run as a regression check before every publish.
 */
@Component(service = Simulator.class)
public final class Simulator {
  static final int MAX_MESSAGES = 50;

  private final AgentStore store;
  private final Agents agents;
  private final Conversations conversations;

  /** One simulated turn. */
  public record Step(int turn, String input, String reply, String node, Map<String, Object> trace, int leadScore,
      boolean qualified, boolean converted, String status) {}

  /** A simulation: every turn with its trace, and the final state. */
  public record Simulation(int version, String language, List<Step> steps, Map<String, ConversationState.SlotValue> slots) {}

  /** What a golden conversation expects of one turn (null fields are not checked). */
  public record Expectation(String node, String intent, String objection) {}

  /** A golden conversation. */
  public record Golden(String id, String name, String language, List<String> messages, List<Expectation> expected, Instant createdAt) {}

  /** The outcome of re-running one golden conversation. */
  public record GoldenResult(String id, String name, boolean passed, List<String> differences) {}

  @Activate
  public Simulator(@Reference AgentStore store, @Reference Agents agents, @Reference Conversations conversations) {
    this.store = store;
    this.agents = agents;
    this.conversations = conversations;
  }

  /**
   * Simulates.
   *
   * @param version 0 for the draft, null for the live version, or a version number
   * @param seed names the simulated conversation (A/B assignment depends on it)
   */
  public Simulation run(TenantContext tenant, String schema, String agentId, Integer version, String language,
      List<String> messages, String seed) {
    Validator v = new Validator();
    v.require("messages", messages != null && messages.size() <= MAX_MESSAGES, "must be a list of at most " + MAX_MESSAGES + " messages");
    if (messages != null) {
      for (int i = 0; i < messages.size(); i++) {
        String m = messages.get(i);
        v.require("messages[" + i + "]", m != null && !m.isBlank() && m.length() <= Conversations.MAX_TEXT,
            "must be a non-blank text of at most " + Conversations.MAX_TEXT + " characters");
      }
    }
    v.throwIfInvalid();
    AgentEntity agent = agents.entity(schema, agentId);
    Compiled c = agents.compiled(tenant, schema, agentId, version);
    Engine engine = conversations.engine(tenant, schema, agent, c);
    String id = seed == null ? "simulation-" + UUID.randomUUID() : seed;
    String lang = language != null && c.definition().languages().contains(language) ? language : c.definition().language();
    ConversationState st = new ConversationState();
    List<Step> steps = new ArrayList<>();
    steps.add(step(0, null, engine.start(id, lang, st), st));
    for (int i = 0; i < messages.size(); i++) {
      steps.add(step(i + 1, messages.get(i), engine.reply(id, lang, st, messages.get(i).strip()), st));
    }
    return new Simulation(c.version(), lang, steps, st.slots);
  }

  private static Step step(int n, String input, Turn t, ConversationState st) {
    return new Step(n, input, t.reply(), st.node, Conversations.trace(t), st.score, st.qualified, st.converted, st.status);
  }

  /** Saves a golden conversation; without expectations, the current draft's behaviour becomes the expectation. */
  public Golden save(TenantContext tenant, String schema, String agentId, String name, String language, List<String> messages,
      List<Expectation> expected) {
    Validator v = new Validator();
    v.requireText("name", name, 100);
    v.require("messages", messages != null && !messages.isEmpty(), "needs at least one prospect message");
    v.require("expected", expected == null || messages == null || expected.size() == messages.size(),
        "needs one expectation per message");
    v.throwIfInvalid();
    Simulation sim = run(tenant, schema, agentId, 0, language, messages, "golden");
    List<Expectation> exp = expected;
    if (exp == null) {
      exp = new ArrayList<>();
      for (Step s : sim.steps().subList(1, sim.steps().size())) {
        exp.add(new Expectation(s.node(), name(s.trace().get("intent")), name(s.trace().get("objection"))));
      }
    }
    List<Expectation> expectations = exp;
    GoldenEntity g = store.tenant(schema, em -> {
      Agents.find(em, agentId);
      GoldenEntity e = new GoldenEntity();
      e.id = UUID.randomUUID().toString();
      e.agentId = agentId;
      e.name = name.strip();
      e.language = sim.language();
      e.messages = Json.write(messages);
      e.expected = Json.write(expectations);
      e.createdAt = store.utcNow();
      em.persist(e);
      return e;
    });
    return golden(g);
  }

  public List<Golden> list(String schema, String agentId) {
    return store.tenant(schema, em -> {
      Agents.find(em, agentId);
      return em.createQuery("select g from GoldenEntity g where g.agentId = :a order by g.createdAt, g.id", GoldenEntity.class)
          .setParameter("a", agentId).getResultList().stream().map(Simulator::golden).toList();
    });
  }

  public void delete(String schema, String agentId, String goldenId) {
    store.tenant(schema, em -> {
      GoldenEntity g = em.find(GoldenEntity.class, goldenId);
      if (g == null || !g.agentId.equals(agentId)) {
        throw ApiException.notFound("No golden conversation " + goldenId + " in this agent");
      }
      em.remove(g);
      return null;
    });
  }

  /** Re-runs every golden conversation against a version (0: the draft). */
  public List<GoldenResult> check(TenantContext tenant, String schema, String agentId, Integer version) {
    List<GoldenResult> results = new ArrayList<>();
    for (Golden g : list(schema, agentId)) {
      Simulation sim = run(tenant, schema, agentId, version, g.language(), g.messages(), "golden");
      List<String> diffs = new ArrayList<>();
      for (int i = 0; i < g.expected().size(); i++) {
        Expectation e = g.expected().get(i);
        Step s = sim.steps().get(i + 1);
        compare(diffs, i + 1, "node", e.node(), s.node());
        compare(diffs, i + 1, "intent", e.intent(), name(s.trace().get("intent")));
        compare(diffs, i + 1, "objection", e.objection(), name(s.trace().get("objection")));
      }
      results.add(new GoldenResult(g.id(), g.name(), diffs.isEmpty(), diffs));
    }
    return results;
  }

  private static void compare(List<String> diffs, int turn, String what, String expected, String actual) {
    if (expected != null && !Objects.equals(expected, actual)) {
      diffs.add("turn " + turn + ": " + what + " expected " + expected + ", got " + actual);
    }
  }

  private static String name(Object detected) {
    return detected instanceof Turn.Detected d ? d.name() : null;
  }

  private static Golden golden(GoldenEntity e) {
    JsonNode messages = Json.tree(e.messages);
    List<String> m = new ArrayList<>();
    messages.forEach(x -> m.add(x.asText()));
    List<Expectation> exp = new ArrayList<>();
    for (JsonNode x : Json.tree(e.expected)) {
      exp.add(new Expectation(x.path("node").asText(null), x.path("intent").asText(null), x.path("objection").asText(null)));
    }
    return new Golden(e.id, e.name, e.language, m, exp, AgentStore.instant(e.createdAt));
  }

  /** Results with their counts, as the API answers them. */
  public static Map<String, Object> summary(List<GoldenResult> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", results.stream().filter(GoldenResult::passed).count());
    m.put("failed", results.stream().filter(r -> !r.passed()).count());
    m.put("results", results);
    return m;
  }
}
