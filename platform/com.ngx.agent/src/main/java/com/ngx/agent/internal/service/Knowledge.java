package com.ngx.agent.internal.service;

import com.ngx.agent.internal.engine.KnowledgePort;
import com.ngx.agent.internal.knowledge.Chunk;
import com.ngx.agent.internal.knowledge.Chunker;
import com.ngx.agent.internal.knowledge.DocumentText;
import com.ngx.agent.internal.knowledge.Extracted;
import com.ngx.agent.internal.knowledge.IndexedChunk;
import com.ngx.agent.internal.knowledge.KnowledgeException;
import com.ngx.agent.internal.knowledge.KnowledgeIndex;
import com.ngx.agent.internal.knowledge.Passage;
import com.ngx.agent.internal.store.AgentEntity;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.KnowledgeChunkEntity;
import com.ngx.agent.internal.store.KnowledgeDocumentEntity;
import com.ngx.api.llm.ChatMessage;
import com.ngx.api.llm.Completion;
import com.ngx.api.llm.CompletionRequest;
import com.ngx.api.llm.LanguageModel;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import com.ngx.marketplace.PluginHost;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.nlu.TextEmbedder;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Agents' knowledge bases: documents uploaded (text, Markdown, HTML, PDF), extracted, chunked,
 * embedded and stored in the tenant's schema; an in-memory hybrid index (Lucene BM25 + vectors)
 * per agent, rebuilt from the database whenever the knowledge base changes. The tenant's plan
 * limits the characters of text across all its agents' documents.
 */
@Component(service = Knowledge.class)
public final class Knowledge {
  /** Most documents per agent and most chunks per agent. */
  static final int MAX_DOCUMENTS = 500;
  static final int MAX_CHUNKS = 5_000;

  private final AgentStore store;
  private final TextEmbedder embedder;
  private final Entitlements entitlements;
  private volatile PluginHost plugins;
  private final Map<String, Cached> indexes = new LinkedHashMap<>(64, 0.75f, true);

  private record Cached(int revision, KnowledgeIndex index) {}

  /** A knowledge document as the API shows it. */
  public record DocumentView(
      String id, String name, String mediaType, String language, long sizeBytes, int textChars, int chunks,
      String sha256, Instant createdAt, Instant updatedAt) {}

  @Activate
  public Knowledge(@Reference AgentStore store, @Reference TextEmbedder embedder, @Reference Entitlements entitlements) {
    this.store = store;
    this.embedder = embedder;
    this.entitlements = entitlements;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  void setPlugins(PluginHost plugins) {
    this.plugins = plugins;
  }

  void unsetPlugins(PluginHost plugins) {
    if (this.plugins == plugins) {
      this.plugins = null;
    }
  }

  /**
   * Adds a Markdown text (a template's starting documents: they come with the agent the plan
   * admitted, and are not admitted on their own).
   */
  public DocumentView addText(String schema, String agentId, String title, String language, String markdown) {
    return store(null, schema, agentId, null, title + ".md", "text/markdown", markdown.getBytes(StandardCharsets.UTF_8), language,
        title);
  }

  /**
   * Adds a document, or replaces one ({@code documentId} not null): extracted, chunked, embedded
   * and stored in one transaction; the agent's index is rebuilt on its next use. Refused (402)
   * when the tenant's documents would then hold more characters of text than its plan allows.
   */
  public DocumentView upload(TenantContext tenant, String schema, String agentId, String documentId, String fileName,
      String mediaType, byte[] content, String language, String name) {
    return store(tenant, schema, agentId, documentId, fileName, mediaType, content, language, name);
  }

  /** Stores a document; {@code tenant} null for one the plan need not admit. */
  private DocumentView store(TenantContext tenant, String schema, String agentId, String documentId, String fileName,
      String mediaType, byte[] content, String language, String name) {
    Extracted extracted;
    try {
      extracted = DocumentText.extract(fileName, mediaType, content);
    } catch (KnowledgeException e) {
      throw ApiException.invalid(e.field(), e.getMessage());
    }
    List<Chunk> chunks = Chunker.chunk(extracted);
    if (chunks.isEmpty()) {
      throw ApiException.invalid("file", "the document has no text");
    }
    if (tenant != null) {
      // before the embedding, the costly part; a replaced document's text no longer counts
      long after = store.tenant(schema, em -> {
        Agents.find(em, agentId);
        long replaced = documentId == null ? 0 : document(em, agentId, documentId).textChars;
        Long total = em.createQuery("select sum(d.textChars) from KnowledgeDocumentEntity d", Long.class).getSingleResult();
        return (total == null ? 0 : total) - replaced + extracted.length();
      });
      PlanLimits.require(entitlements.admit(tenant, Limit.KNOWLEDGE_CHARACTERS, after), Limit.KNOWLEDGE_CHARACTERS);
    }
    String title = name != null ? name : extracted.title() != null && !extracted.title().isBlank() ? extracted.title() : fileName;
    String docName = title.length() > 200 ? title.substring(0, 200) : title;
    List<float[]> vectors = embedder.embedAll(chunks.stream().map(c -> c.embeddingText(docName)).toList());
    String sha = sha256(content);
    return store.tenant(schema, em -> {
      AgentEntity agent = Agents.find(em, agentId);
      KnowledgeDocumentEntity doc;
      if (documentId != null) {
        doc = document(em, agentId, documentId);
        em.createQuery("delete from KnowledgeChunkEntity c where c.documentId = :d").setParameter("d", doc.id).executeUpdate();
      } else {
        long docs = em.createQuery("select count(d) from KnowledgeDocumentEntity d where d.agentId = :a", Long.class)
            .setParameter("a", agentId).getSingleResult();
        if (docs >= MAX_DOCUMENTS) {
          throw ApiException.conflict("file", "the knowledge base holds its maximum of " + MAX_DOCUMENTS + " documents");
        }
        doc = new KnowledgeDocumentEntity();
        doc.id = UUID.randomUUID().toString();
        doc.agentId = agentId;
        doc.createdAt = store.utcNow();
      }
      long existing = em.createQuery("select count(c) from KnowledgeChunkEntity c where c.agentId = :a", Long.class)
          .setParameter("a", agentId).getSingleResult();
      if (existing + chunks.size() > MAX_CHUNKS) {
        throw ApiException.conflict("file", "the knowledge base would exceed " + MAX_CHUNKS + " passages");
      }
      doc.name = docName;
      doc.mediaType = extracted.mediaType();
      doc.language = language;
      doc.sizeBytes = content.length;
      doc.textChars = extracted.length();
      doc.sha256 = sha;
      doc.chunks = chunks.size();
      doc.updatedAt = store.utcNow();
      if (documentId == null) {
        em.persist(doc);
      }
      em.flush(); // the document row before its chunks (they reference it; nothing tells EclipseLink the order)
      for (int i = 0; i < chunks.size(); i++) {
        Chunk c = chunks.get(i);
        KnowledgeChunkEntity e = new KnowledgeChunkEntity();
        e.id = UUID.randomUUID().toString();
        e.documentId = doc.id;
        e.agentId = agentId;
        e.ordinal = c.ordinal();
        e.heading = c.heading() == null || c.heading().length() <= 300 ? c.heading() : c.heading().substring(0, 300);
        e.page = c.page();
        e.content = c.text();
        e.vector = bytes(vectors.get(i));
        em.persist(e);
      }
      agent.kbRevision++;
      return view(doc);
    });
  }

  public Page<DocumentView> list(String schema, String agentId, int offset, int limit) {
    Page.checkBounds(offset, limit);
    return store.tenant(schema, em -> {
      Agents.find(em, agentId);
      List<KnowledgeDocumentEntity> rows = em.createQuery(
              "select d from KnowledgeDocumentEntity d where d.agentId = :a order by d.createdAt, d.id", KnowledgeDocumentEntity.class)
          .setParameter("a", agentId).setFirstResult(offset).setMaxResults(limit).getResultList();
      long total = em.createQuery("select count(d) from KnowledgeDocumentEntity d where d.agentId = :a", Long.class)
          .setParameter("a", agentId).getSingleResult();
      return new Page<>(rows.stream().map(Knowledge::view).toList(), offset, limit, total);
    });
  }

  public DocumentView get(String schema, String agentId, String documentId) {
    return store.tenant(schema, em -> view(document(em, agentId, documentId)));
  }

  public void delete(String schema, String agentId, String documentId) {
    store.tenant(schema, em -> {
      AgentEntity agent = Agents.find(em, agentId);
      KnowledgeDocumentEntity doc = document(em, agentId, documentId);
      em.createQuery("delete from KnowledgeChunkEntity c where c.documentId = :d").setParameter("d", doc.id).executeUpdate();
      em.remove(doc);
      agent.kbRevision++;
      return null;
    });
  }

  /** The passages that best match a query (the builder's test tool). */
  public List<Passage> search(TenantContext tenant, String schema, String agentId, String query, int limit) {
    AgentEntity a = store.tenant(schema, em -> Agents.find(em, agentId));
    return index(tenant, schema, agentId, a.kbRevision).search(query, embedder.embed(query), limit);
  }

  /** The engine's view of an agent's knowledge base at a revision, with optional LLM phrasing. */
  public KnowledgePort port(TenantContext tenant, String schema, String agentId, int revision, String languageModel) {
    return (text, vector, language) -> {
      KnowledgeIndex index = index(tenant, schema, agentId, revision);
      Optional<KnowledgeIndex.Answer> found = index.answer(text, vector);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      KnowledgeIndex.Answer a = found.get();
      String phrased = languageModel == null ? null : phrase(tenant, languageModel, text, language, a.sources());
      return Optional.of(phrased != null ? new KnowledgeIndex.Answer(phrased, a.sources()) : a);
    };
  }

  /**
   * Asks the tenant's language-model plugin to phrase an answer from the passages only; null (the
   * extractive answer is used) when it is not installed, fails, or answers nothing.
   */
  private String phrase(TenantContext tenant, String pluginId, String question, String language, List<KnowledgeIndex.Source> sources) {
    PluginHost host = plugins;
    if (host == null) {
      return null;
    }
    StringBuilder passages = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      passages.append('[').append(i + 1).append("] ").append(sources.get(i).documentName()).append(": ")
          .append(sources.get(i).quote()).append('\n');
    }
    String system = "You are a sales assistant. Answer the customer's question in "
        + ("es".equals(language) ? "Spanish" : "English")
        + " in at most three sentences, using ONLY the passages below. If they do not contain the answer, reply"
        + " exactly NO_ANSWER. Never invent prices, promises, diagnoses or advice.\n\nPassages:\n" + passages;
    CompletionRequest request = new CompletionRequest(List.of(new ChatMessage("system", system), new ChatMessage("user", question)), 0.2, 300);
    PluginOutcome<Completion> out = host.call(tenant, pluginId, LanguageModel.class, (lm, ctx) -> lm.complete(ctx, request));
    if (!out.ok() || out.value() == null || out.value().text() == null) {
      return null;
    }
    String text = out.value().text().strip();
    return text.isEmpty() || text.contains("NO_ANSWER") ? null : text;
  }

  /** Drops an agent's cached index (deleted agent). */
  public void forget(TenantContext tenant, String agentId) {
    synchronized (indexes) {
      indexes.remove(tenant.id() + "/" + agentId);
    }
  }

  private KnowledgeIndex index(TenantContext tenant, String schema, String agentId, int revision) {
    String key = tenant.id() + "/" + agentId;
    synchronized (indexes) {
      Cached c = indexes.get(key);
      if (c != null && c.revision() >= revision) {
        return c.index();
      }
    }
    List<IndexedChunk> chunks = store.tenant(schema, em -> {
      Map<String, KnowledgeDocumentEntity> docs = new LinkedHashMap<>();
      em.createQuery("select d from KnowledgeDocumentEntity d where d.agentId = :a", KnowledgeDocumentEntity.class)
          .setParameter("a", agentId).getResultList().forEach(d -> docs.put(d.id, d));
      List<IndexedChunk> out = new ArrayList<>();
      for (KnowledgeChunkEntity c : em.createQuery(
              "select c from KnowledgeChunkEntity c where c.agentId = :a order by c.documentId, c.ordinal", KnowledgeChunkEntity.class)
          .setParameter("a", agentId).getResultList()) {
        KnowledgeDocumentEntity d = docs.get(c.documentId);
        if (d != null) {
          out.add(new IndexedChunk(c.id, d.id, d.name, d.language, c.heading, c.page, c.content, floats(c.vector)));
        }
      }
      return out;
    });
    KnowledgeIndex built = KnowledgeIndex.build(chunks);
    synchronized (indexes) {
      Cached old = indexes.put(key, new Cached(revision, built));
      if (indexes.size() > 64) {
        var it = indexes.entrySet().iterator();
        it.next();
        it.remove();
      }
      if (old != null && old.index() != built) {
        // searches in flight keep their reference; the old reader is left to the garbage collector
      }
    }
    return built;
  }

  private static KnowledgeDocumentEntity document(EntityManager em, String agentId, String documentId) {
    KnowledgeDocumentEntity d = em.find(KnowledgeDocumentEntity.class, documentId);
    if (d == null || !d.agentId.equals(agentId)) {
      throw ApiException.notFound("No knowledge document " + documentId + " in this agent");
    }
    return d;
  }

  private static DocumentView view(KnowledgeDocumentEntity d) {
    return new DocumentView(d.id, d.name, d.mediaType, d.language, d.sizeBytes, d.textChars, d.chunks, d.sha256,
        AgentStore.instant(d.createdAt), AgentStore.instant(d.updatedAt));
  }

  static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
