package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.store.AgentEntity;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A/B test results: per variant, conversations, qualified leads, conversions and value, with the
 * significance of each variant's conversion rate against the first (control) variant; promoting
 * a winner rewrites the draft so every conversation gets it.
 */
@Component(service = ExperimentResults.class)
public final class ExperimentResults {
  /** p-value below which a difference counts as significant. */
  static final double ALPHA = 0.05;

  private final AgentStore store;
  private final Agents agents;

  /** One variant's figures. */
  public record VariantResult(String variant, long conversations, long qualified, long converted, long valueMinor,
      double conversionRate, Double pValue, boolean significant) {}

  /** One experiment. */
  public record Result(String experiment, String node, String kind, List<VariantResult> variants, String leader, boolean significant) {}

  @Activate
  public ExperimentResults(@Reference AgentStore store, @Reference Agents agents) {
    this.store = store;
    this.agents = agents;
  }

  /** Every experiment of the agent's draft, with results from all its conversations. */
  public List<Result> results(String schema, String agentId) {
    AgentEntity a = agents.entity(schema, agentId);
    JsonNode draft = Json.tree(a.draft);
    List<Result> out = new ArrayList<>();
    for (JsonNode n : draft.path("flow").path("nodes")) {
      if (n.hasNonNull("experiment") && n.path("variants").isArray()) {
        List<String> variants = new ArrayList<>();
        n.get("variants").forEach(v -> variants.add(v.path("id").asText()));
        out.add(result(schema, agentId, n.get("experiment").asText(), n.path("id").asText(),
            "ab_split".equals(n.path("type").asText()) ? "flow" : "message", variants));
      }
    }
    return out;
  }

  private Result result(String schema, String agentId, String experiment, String node, String kind, List<String> variants) {
    Map<String, long[]> figures = new LinkedHashMap<>();
    variants.forEach(v -> figures.put(v, new long[4]));
    store.tenant(schema, em -> {
      List<Object[]> rows = em.createQuery(
              "select a.variant, count(c), sum(c.qualified), sum(c.converted), sum(c.valueMinor)"
                  + " from AssignmentEntity a, ConversationEntity c"
                  + " where a.conversationId = c.id and a.agentId = :agent and a.experiment = :exp group by a.variant",
              Object[].class)
          .setParameter("agent", agentId).setParameter("exp", experiment).getResultList();
      for (Object[] r : rows) {
        long[] f = figures.computeIfAbsent((String) r[0], k -> new long[4]);
        for (int i = 0; i < 4; i++) {
          f[i] = r[i + 1] == null ? 0 : ((Number) r[i + 1]).longValue();
        }
      }
      return null;
    });
    List<VariantResult> results = new ArrayList<>();
    long[] control = figures.values().iterator().next();
    boolean first = true;
    String leader = null;
    double best = -1;
    boolean significant = false;
    for (Map.Entry<String, long[]> e : figures.entrySet()) {
      long[] f = e.getValue();
      double rate = f[0] == 0 ? 0 : (double) f[2] / f[0];
      Double p = first ? null : Statistics.twoProportionPValue(f[2], f[0], control[2], control[0]);
      boolean sig = p != null && p < ALPHA;
      results.add(new VariantResult(e.getKey(), f[0], f[1], f[2], f[3], Math.round(rate * 10000) / 10000.0, p, sig));
      if (rate > best) {
        best = rate;
        leader = e.getKey();
      }
      significant |= sig;
      first = false;
    }
    return new Result(experiment, node, kind, results, leader, significant);
  }

  /** Ends an experiment in the draft in favour of one variant (publish to make it live). */
  public Map<String, Object> promote(TenantContext tenant, String schema, String agentId, String experiment, String variant) {
    ObjectNode draft = (ObjectNode) agents.draft(schema, agentId);
    ArrayNode nodes = (ArrayNode) draft.path("flow").path("nodes");
    ObjectNode target = null;
    for (JsonNode n : nodes) {
      if (experiment.equals(n.path("experiment").asText(null))) {
        target = (ObjectNode) n;
      }
    }
    if (target == null) {
      throw ApiException.notFound("No experiment " + experiment + " in this agent's draft");
    }
    JsonNode chosen = null;
    for (JsonNode v : target.path("variants")) {
      if (v.path("id").asText().equals(variant)) {
        chosen = v;
      }
    }
    if (chosen == null) {
      throw ApiException.invalid("variant", "experiment " + experiment + " has no variant '" + variant + "'");
    }
    if ("ab_split".equals(target.path("type").asText())) {
      String from = target.path("id").asText();
      String to = chosen.path("to").asText();
      for (Iterator<JsonNode> it = nodes.iterator(); it.hasNext(); ) {
        if (it.next().path("id").asText().equals(from)) {
          it.remove();
        }
      }
      redirect(draft, from, to);
    } else {
      target.put("say", chosen.path("say").asText());
      target.remove("variants");
      target.remove("experiment");
    }
    DefinitionReader.read(draft);
    agents.putDraft(tenant, schema, agentId, draft);
    return Map.of("experiment", experiment, "promoted", variant, "draft", "updated; publish to make it live");
  }

  private static void redirect(ObjectNode draft, String from, String to) {
    ObjectNode flow = (ObjectNode) draft.get("flow");
    if (from.equals(flow.path("start").asText())) {
      flow.put("start", to);
    }
    for (JsonNode n : flow.path("nodes")) {
      ObjectNode o = (ObjectNode) n;
      for (String f : List.of("next", "else")) {
        if (from.equals(o.path(f).asText(null))) {
          o.put(f, to);
        }
      }
      for (JsonNode e : o.path("edges")) {
        if (from.equals(e.path("to").asText(null))) {
          ((ObjectNode) e).put("to", to);
        }
      }
      for (JsonNode v : o.path("variants")) {
        if (from.equals(v.path("to").asText(null))) {
          ((ObjectNode) v).put("to", to);
        }
      }
    }
  }
}
