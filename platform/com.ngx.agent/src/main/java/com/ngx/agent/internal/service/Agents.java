package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.model.TemplateMerger;
import com.ngx.agent.internal.nlu.Understanding;
import com.ngx.agent.internal.store.AgentEntity;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.AgentVersionEntity;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import com.ngx.nlu.TextEmbedder;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import com.ngx.rest.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents of a tenant: create (blank or from a vertical template), read, update, delete; the
 * draft definition and its intents; publishing versions and rolling back; and the compiled,
 * ready-to-run version the engine uses. How many agents a tenant may have is its plan's.
 */
@Component(service = Agents.class)
public final class Agents {
  private static final Logger LOG = LoggerFactory.getLogger(Agents.class);

  private final AgentStore store;
  private final TextEmbedder embedder;
  private final Templates templates;
  private final Knowledge knowledge;
  private final Entitlements entitlements;
  private final CompiledCache compiled = new CompiledCache(512);
  private final ExecutorService compiler;

  /** An agent as the API shows it. */
  public record AgentView(
      String id, String name, String language, List<String> languages, String templateId, String templatePlugin,
      int draftRevision, Integer publishedVersion, Definition.Personality personality, int intents, int objections,
      int nodes, Instant createdAt, Instant updatedAt) {}

  /** A published version. */
  public record VersionView(int version, String note, Instant createdAt, boolean live) {}

  @Activate
  public Agents(
      @Reference AgentStore store,
      @Reference TextEmbedder embedder,
      @Reference Templates templates,
      @Reference Knowledge knowledge,
      @Reference Entitlements entitlements) {
    this.store = store;
    this.embedder = embedder;
    this.templates = templates;
    this.knowledge = knowledge;
    this.entitlements = entitlements;
    AtomicInteger n = new AtomicInteger();
    this.compiler = Executors.newFixedThreadPool(1, r -> {
      Thread t = new Thread(r, "ngx-agent-compiler-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Deactivate
  void deactivate() {
    compiler.shutdownNow();
  }

  /**
   * Creates an agent, blank or from an installed template; its knowledge base starts with the
   * template's documents. Refused (402) when the tenant's plan allows no more agents.
   */
  public AgentView create(TenantContext tenant, String schema, String name, String language, String templateId,
      JsonNode personality) {
    Validator v = new Validator();
    v.requireText("name", name, 100);
    v.require("language", language != null && DefinitionReader.LANGUAGES.contains(language),
        "must be one of " + DefinitionReader.LANGUAGES.stream().sorted().toList());
    v.throwIfInvalid();
    long existing = store.tenant(schema, em -> em.createQuery("select count(a) from AgentEntity a", Long.class).getSingleResult());
    PlanLimits.require(entitlements.admit(tenant, Limit.ACTIVE_AGENTS, existing + 1), Limit.ACTIVE_AGENTS);
    ObjectNode definition;
    List<TemplateMerger.Seed> seeds = List.of();
    String pluginId = null;
    String tid = null;
    if (templateId != null && !templateId.isBlank()) {
      Templates.Documents docs = templates.documents(tenant, templateId);
      if (!docs.byLanguage().containsKey(language)) {
        throw ApiException.invalid("language", "template '" + templateId + "' offers " + docs.info().languages());
      }
      TemplateMerger.Merged merged = TemplateMerger.merge(docs.byLanguage(), language);
      definition = merged.definition();
      seeds = merged.knowledge();
      pluginId = docs.info().pluginId();
      tid = docs.info().id();
    } else {
      definition = blank(language);
    }
    if (personality != null && personality.isObject()) {
      ObjectNode p = (ObjectNode) definition.with("personality");
      personality.fields().forEachRemaining(e -> p.set(e.getKey(), e.getValue()));
    }
    Validator check = new Validator();
    DefinitionReader.read(definition, check);
    if (!check.valid()) {
      try {
        check.throwIfInvalid();
      } catch (ApiException e) {
        LOG.warn("Template {} gives an invalid agent definition: {}", templateId, e.errors());
        throw new ApiException(422, "Invalid template", "The template '" + templateId
            + "' does not make a valid agent; its publisher must fix it", e.errors());
      }
    }
    String id = UUID.randomUUID().toString();
    String plugin = pluginId;
    String template = tid;
    AgentEntity created = store.tenant(schema, em -> {
      AgentEntity a = new AgentEntity();
      a.id = id;
      a.name = name.strip();
      a.language = language;
      a.templatePlugin = plugin;
      a.templateId = template;
      a.draft = Json.write(definition);
      a.draftRevision = 1;
      a.kbRevision = 0;
      a.createdAt = store.utcNow();
      a.updatedAt = a.createdAt;
      em.persist(a);
      return a;
    });
    for (TemplateMerger.Seed seed : seeds) {
      knowledge.addText(schema, id, seed.title(), seed.language(), seed.text());
    }
    prepare(tenant, schema, id);
    return view(entity(schema, id));
  }

  public Page<AgentView> list(String schema, int offset, int limit) {
    Page.checkBounds(offset, limit);
    return store.tenant(schema, em -> {
      List<AgentEntity> rows = em.createQuery("select a from AgentEntity a order by a.createdAt desc, a.id", AgentEntity.class)
          .setFirstResult(offset).setMaxResults(limit).getResultList();
      long total = em.createQuery("select count(a) from AgentEntity a", Long.class).getSingleResult();
      return new Page<>(rows.stream().map(this::view).toList(), offset, limit, total);
    });
  }

  public AgentView get(String schema, String id) {
    return view(entity(schema, id));
  }

  /** Changes name, personality or default language of the draft. */
  public AgentView update(String schema, String id, String name, JsonNode personality, String language) {
    Validator v = new Validator();
    if (name != null) {
      v.requireText("name", name, 100);
    }
    v.throwIfInvalid();
    return store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      ObjectNode d = Json.object(a.draft);
      if (personality != null && personality.isObject()) {
        ObjectNode p = (ObjectNode) d.with("personality");
        personality.fields().forEachRemaining(e -> p.set(e.getKey(), e.getValue()));
      }
      if (language != null) {
        d.put("language", language);
      }
      DefinitionReader.read(d);
      if (name != null) {
        a.name = name.strip();
      }
      if (language != null) {
        a.language = language;
      }
      saveDraft(a, d);
      return view(a);
    });
  }

  public void delete(TenantContext tenant, String schema, String id) {
    store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      em.remove(a);
      return null;
    });
    compiled.removePrefix(tenant.id() + "/" + id + "/");
    knowledge.forget(tenant, id);
  }

  /** The draft definition (the JSON the builder edits). */
  public JsonNode draft(String schema, String id) {
    return Json.tree(entity(schema, id).draft);
  }

  /** Replaces the draft definition after validating it completely. */
  public AgentView putDraft(TenantContext tenant, String schema, String id, JsonNode definition) {
    Definition parsed = DefinitionReader.read(definition);
    AgentView view = store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      if (!parsed.languages().isEmpty()) {
        a.language = parsed.language();
      }
      saveDraft(a, (ObjectNode) definition);
      return view(a);
    });
    prepare(tenant, schema, id);
    return view;
  }

  /** The draft's custom intents. */
  public JsonNode intents(String schema, String id) {
    JsonNode i = draft(schema, id).path("intents");
    return i.isArray() ? i : Json.MAPPER.createArrayNode();
  }

  /** Replaces the draft's custom intents; their examples are embedded in the background. */
  public Map<String, Object> putIntents(TenantContext tenant, String schema, String id, JsonNode intents) {
    List<Definition.Intent> parsed = DefinitionReader.readIntents(intents);
    int examples = parsed.stream().mapToInt(i -> i.examples().size()).sum();
    int revision = store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      ObjectNode d = Json.object(a.draft);
      ArrayNode clean = d.putArray("intents");
      for (Definition.Intent i : parsed) {
        ObjectNode n = clean.addObject().put("name", i.name());
        ArrayNode ex = n.putArray("examples");
        i.examples().forEach(ex::add);
      }
      DefinitionReader.read(d);
      saveDraft(a, d);
      return a.draftRevision;
    });
    prepare(tenant, schema, id);
    return Map.of("intents", parsed.size(), "examples", examples, "draftRevision", revision);
  }

  /** Publishes the draft as the next version, which then serves new conversations. */
  public VersionView publish(TenantContext tenant, String schema, String id, String note) {
    if (note != null && note.length() > 500) {
      throw ApiException.invalid("note", "must be at most 500 characters");
    }
    VersionView v = store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      DefinitionReader.read(Json.tree(a.draft));
      Integer max = em.createQuery("select max(v.version) from AgentVersionEntity v where v.agentId = :a", Integer.class)
          .setParameter("a", id).getSingleResult();
      AgentVersionEntity ver = new AgentVersionEntity();
      ver.agentId = id;
      ver.version = max == null ? 1 : max + 1;
      ver.definition = a.draft;
      ver.note = note;
      ver.createdAt = store.utcNow();
      em.persist(ver);
      a.publishedVersion = ver.version;
      a.updatedAt = ver.createdAt;
      return new VersionView(ver.version, note, AgentStore.instant(ver.createdAt), true);
    });
    return v;
  }

  /** Makes an earlier version the live one again (the draft is left as it is). */
  public VersionView rollback(String schema, String id, int version) {
    return store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      AgentVersionEntity ver = em.find(AgentVersionEntity.class, new AgentVersionEntity.Key(id, version));
      if (ver == null) {
        throw ApiException.invalid("version", "agent has no version " + version);
      }
      a.publishedVersion = version;
      a.updatedAt = store.utcNow();
      return new VersionView(version, ver.note, AgentStore.instant(ver.createdAt), true);
    });
  }

  public List<VersionView> versions(String schema, String id) {
    return store.tenant(schema, em -> {
      AgentEntity a = find(em, id);
      return em.createQuery("select v from AgentVersionEntity v where v.agentId = :a order by v.version desc", AgentVersionEntity.class)
          .setParameter("a", id).getResultList().stream()
          .map(v -> new VersionView(v.version, v.note, AgentStore.instant(v.createdAt), a.publishedVersion != null && a.publishedVersion == v.version))
          .toList();
    });
  }

  public JsonNode version(String schema, String id, int version) {
    return store.tenant(schema, em -> {
      find(em, id);
      AgentVersionEntity v = em.find(AgentVersionEntity.class, new AgentVersionEntity.Key(id, version));
      if (v == null) {
        throw ApiException.notFound("No version " + version + " of this agent");
      }
      return Json.tree(v.definition);
    });
  }

  /**
   * The compiled agent: {@code version} null for the live (published) version, 0 for the draft,
   * or a published version number.
   */
  public Compiled compiled(TenantContext tenant, String schema, String id, Integer version) {
    AgentEntity a = entity(schema, id);
    if (version == null) {
      if (a.publishedVersion == null) {
        throw ApiException.conflict("This agent has no published version yet: publish it first (POST /agents/" + id + "/publish)");
      }
      version = a.publishedVersion;
    }
    if (version == 0) {
      String draft = a.draft;
      String key = key(tenant, id, "d" + a.draftRevision);
      return compiled.get(key, () -> compile(key, id, 0, draft));
    }
    int v = version;
    String key = key(tenant, id, "v" + v);
    return compiled.get(key, () -> compile(key, id, v, Json.write(version(schema, id, v))));
  }

  /** The compiled version of a conversation (a conversation stays on the version it started with). */
  public Compiled compiledVersion(TenantContext tenant, String schema, String id, int version) {
    String key = key(tenant, id, "v" + version);
    return compiled.get(key, () -> compile(key, id, version, Json.write(version(schema, id, version))));
  }

  private void prepare(TenantContext tenant, String schema, String id) {
    AgentEntity a = entity(schema, id);
    String draft = a.draft;
    String key = key(tenant, id, "d" + a.draftRevision);
    compiled.prepare(key, () -> compile(key, id, 0, draft), compiler);
  }

  /** Above this many example phrases, an agent first runs on a lexical index while its embeddings are computed. */
  static final int LARGE = 4000;

  private Compiled compile(String key, String id, int version, String json) {
    long start = System.nanoTime();
    Definition d = DefinitionReader.read(Json.tree(json));
    if (Understanding.phrases(d) > LARGE) {
      compiler.execute(() -> {
        try {
          compiled.replace(key, new Compiled(id, version, d, Understanding.build(d, embedder)));
          LOG.info("Agent {} version {}: {} examples embedded in {} s", id, version, Understanding.phrases(d),
              (System.nanoTime() - start) / 1_000_000_000);
        } catch (RuntimeException e) {
          LOG.warn("Embedding the examples of agent {} failed: {}", id, e.toString());
        }
      });
      return new Compiled(id, version, d, Understanding.lexical(d));
    }
    Understanding u = Understanding.build(d, embedder);
    LOG.debug("Compiled agent {} version {} ({} examples) in {} ms", id, version, u.examples(), (System.nanoTime() - start) / 1_000_000);
    return new Compiled(id, version, d, u);
  }

  private static String key(TenantContext tenant, String id, String version) {
    return tenant.id() + "/" + id + "/" + version;
  }

  private void saveDraft(AgentEntity a, ObjectNode d) {
    a.draft = Json.write(d);
    a.draftRevision++;
    a.updatedAt = store.utcNow();
  }

  AgentEntity entity(String schema, String id) {
    return store.tenant(schema, em -> find(em, id));
  }

  static AgentEntity find(EntityManager em, String id) {
    AgentEntity a = em.find(AgentEntity.class, id);
    if (a == null) {
      throw ApiException.notFound("No agent " + id);
    }
    return a;
  }

  private AgentView view(AgentEntity a) {
    JsonNode d = Json.tree(a.draft);
    List<String> languages = new java.util.ArrayList<>();
    d.path("languages").forEach(l -> languages.add(l.asText()));
    if (languages.isEmpty()) {
      languages.add(a.language);
    }
    JsonNode p = d.path("personality");
    return new AgentView(a.id, a.name, a.language, languages, a.templateId, a.templatePlugin, a.draftRevision,
        a.publishedVersion, new Definition.Personality(p.path("name").asText(null), p.path("tone").asText(null),
        p.path("persona").asText(null)), d.path("intents").size(), d.path("objections").size(),
        d.path("flow").path("nodes").size(), AgentStore.instant(a.createdAt), AgentStore.instant(a.updatedAt));
  }

  private static ObjectNode blank(String language) {
    try (InputStream in = Agents.class.getResourceAsStream("blank-agent.json")) {
      ObjectNode d = (ObjectNode) Json.MAPPER.readTree(in);
      d.put("language", language);
      ArrayNode langs = d.putArray("languages");
      langs.add(language);
      DefinitionReader.LANGUAGES.stream().filter(l -> !l.equals(language)).sorted().forEach(langs::add);
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
