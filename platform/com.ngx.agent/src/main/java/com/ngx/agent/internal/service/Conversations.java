package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.engine.ConversationState;
import com.ngx.agent.internal.engine.Engine;
import com.ngx.agent.internal.engine.Turn;
import com.ngx.agent.internal.store.AgentEntity;
import com.ngx.agent.internal.store.AgentStore;
import com.ngx.agent.internal.store.AssignmentEntity;
import com.ngx.agent.internal.store.ConversationEntity;
import com.ngx.agent.internal.store.ConversionEntity;
import com.ngx.agent.internal.store.LeadEntity;
import com.ngx.agent.internal.store.MessageEntity;
import com.ngx.agent.internal.store.UsageEntity;
import com.ngx.api.event.EventTypes;
import com.ngx.api.lead.DeliveryResult;
import com.ngx.api.lead.Lead;
import com.ngx.api.lead.LeadSink;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.Admission;
import com.ngx.billing.BillingClock;
import com.ngx.billing.Entitlements;
import com.ngx.billing.Limit;
import com.ngx.billing.UsageEvent;
import com.ngx.marketplace.DomainEvents;
import com.ngx.marketplace.PluginHost;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.nlu.TextEmbedder;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;
import javax.persistence.RollbackException;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations with prospects: start, turn by turn, transcripts, outcomes. Each turn is one
 * transaction: the conversation's state, both messages, the experiment assignments, the lead,
 * the conversions and — on the first prospect message — the usage record billing counts, so a
 * crash loses nothing and counts nothing twice (a conversion with a value adds a revenue record
 * the same way). Usage records are handed to billing, domain events and lead deliveries go out
 * after the commit. The tenant's plan decides whether a conversation may start (and a suspended
 * or cancelled subscription stops the ones under way); usage and conversions take their time from
 * the billing clock.
 */
@Component(service = Conversations.class)
public final class Conversations {
  private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);
  static final int MAX_TEXT = 2000;
  private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Admission codes that stop conversations under way; a reached quota lets them finish. */
  private static final Set<String> STOPS = Set.of(Admission.SUSPENDED, Admission.CANCELLED);

  private final AgentStore store;
  private final Agents agents;
  private final Knowledge knowledge;
  private final TextEmbedder embedder;
  private final PluginHost plugins;
  private final DomainEvents events;
  private final Entitlements entitlements;
  private final UsageRelay relay;
  private final Clock billingClock;
  private final ExecutorService after;

  /** What a turn answers to the API. */
  public record TurnView(
      String id, String reply, String node, List<String> path, Detected intent, Detected objection,
      List<Turn.Detected> intents, List<com.ngx.agent.internal.knowledge.KnowledgeIndex.Source> sources,
      Map<String, String> captured, List<String> compliance, Turn.Cta cta, int leadScore, boolean qualified,
      boolean converted, String status, String token) {}

  /** A detected intent or objection. */
  public record Detected(String name, double score) {}

  /** A conversation with its transcript. */
  public record ConversationView(
      String id, String agentId, int agentVersion, String language, String channel, String status, int leadScore,
      boolean qualified, boolean converted, long valueMinor, String currency, int prospectMessages,
      Map<String, ConversationState.SlotValue> slots, Map<String, ConversationState.ScoreField> scorecard,
      Map<String, String> assignments, Boolean consent, String summary, List<MessageView> messages, Instant startedAt,
      Instant updatedAt) {}

  /** One message of a transcript. */
  public record MessageView(int seq, String role, String text, String node, JsonNode trace, Instant at) {}

  /** A row of a conversation list. */
  public record ConversationSummary(
      String id, String agentId, int agentVersion, String language, String channel, String status, int leadScore,
      boolean qualified, boolean converted, long valueMinor, int prospectMessages, Instant startedAt, Instant updatedAt) {}

  @Activate
  public Conversations(
      @Reference AgentStore store,
      @Reference Agents agents,
      @Reference Knowledge knowledge,
      @Reference TextEmbedder embedder,
      @Reference PluginHost plugins,
      @Reference DomainEvents events,
      @Reference Entitlements entitlements,
      @Reference UsageRelay relay,
      @Reference(target = BillingClock.TARGET) Clock billingClock) {
    this.store = store;
    this.agents = agents;
    this.knowledge = knowledge;
    this.embedder = embedder;
    this.plugins = plugins;
    this.events = events;
    this.entitlements = entitlements;
    this.relay = relay;
    this.billingClock = billingClock;
    this.after = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ngx-agent-deliveries");
      t.setDaemon(true);
      return t;
    });
  }

  @Deactivate
  void deactivate() {
    after.shutdown();
  }

  /**
   * Starts a conversation with an agent's live version, when the tenant's plan admits one (402
   * otherwise, and nothing is stored).
   *
   * @param withToken whether to issue a conversation token (widget conversations need it to continue)
   */
  public TurnView start(TenantContext tenant, String schema, String agentId, String language, String channel, boolean withToken) {
    if (language != null && !language.matches("[a-z]{2}(-[A-Za-z0-9]{1,8})?")) {
      throw ApiException.invalid("language", "must be a language tag such as en or es");
    }
    AgentEntity agent = agents.entity(schema, agentId);
    if (agent.publishedVersion == null) {
      throw ApiException.conflict("agentId", "the agent has no published version yet: publish it first");
    }
    PlanLimits.require(entitlements.admitConversation(tenant), Limit.CONVERSATIONS_PER_MONTH);
    Compiled c = agents.compiledVersion(tenant, schema, agentId, agent.publishedVersion);
    Engine engine = engine(tenant, schema, agent, c);
    String id = UUID.randomUUID().toString();
    String lang = language == null ? c.definition().language() : language.substring(0, 2);
    lang = c.definition().languages().contains(lang) ? lang : c.definition().language();
    ConversationState st = new ConversationState();
    Turn t = engine.start(id, lang, st);
    String token = withToken ? token() : null;
    String conversationLanguage = lang;
    store.tenant(schema, em -> {
      ConversationEntity e = new ConversationEntity();
      e.id = id;
      e.agentId = agentId;
      e.agentVersion = c.version();
      e.language = conversationLanguage;
      e.channel = channel;
      e.startedAt = store.utcNow();
      e.tokenHash = token == null ? null : sha256(token);
      apply(e, st);
      e.state = Json.write(st);
      em.persist(e);
      em.flush(); // the conversation row before the rows that reference it
      addMessage(em, e, st, "agent", t.reply(), st.node, t);
      assignments(em, e, st);
      e.state = Json.write(st);
      return null;
    });
    publish(tenant, EventTypes.CONVERSATION_STARTED, Map.of("conversationId", id, "agentId", agentId, "channel", channel));
    return view(id, st, t, token);
  }

  /**
   * Handles a prospect message; {@code token} is checked when the conversation has one. Refused
   * (402) while the tenant's subscription is suspended or cancelled; a reached quota does not stop
   * a conversation under way.
   */
  public TurnView message(TenantContext tenant, String schema, String conversationId, String text, String token,
      boolean tokenRequired) {
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("text", "is required");
    }
    if (text.length() > MAX_TEXT) {
      throw ApiException.invalid("text", "must be at most " + MAX_TEXT + " characters");
    }
    Object[] loaded = store.tenant(schema, em -> {
      ConversationEntity e = conversation(em, conversationId);
      return new Object[] {e, Agents.find(em, e.agentId)};
    });
    ConversationEntity loadedConversation = (ConversationEntity) loaded[0];
    AgentEntity agent = (AgentEntity) loaded[1];
    if (tokenRequired || loadedConversation.tokenHash != null && token != null) {
      requireToken(loadedConversation.tokenHash, token);
    }
    Admission admission = entitlements.admitConversation(tenant);
    if (!admission.allowed() && STOPS.contains(admission.code())) {
      throw PlanLimits.refused(admission, Limit.CONVERSATIONS_PER_MONTH);
    }
    Compiled c = agents.compiledVersion(tenant, schema, agent.id, loadedConversation.agentVersion);
    Engine engine = engine(tenant, schema, agent, c);
    ConversationState st = Json.read(loadedConversation.state, ConversationState.class);
    Turn t = engine.reply(conversationId, loadedConversation.language, st, text.strip());
    long expectedLock = loadedConversation.lockVersion;
    LeadEntity[] lead = new LeadEntity[1];
    List<String> usage = new ArrayList<>();
    try {
      store.tenant(schema, em -> {
        ConversationEntity e = conversation(em, conversationId);
        if (e.lockVersion != expectedLock) {
          throw new OptimisticLockException("conversation changed");
        }
        boolean first = e.prospectMessages == 0;
        e.prospectMessages++;
        addMessage(em, e, st, "prospect", text.strip(), null, null);
        addMessage(em, e, st, "agent", t.reply(), st.node, t);
        assignments(em, e, st);
        if (first) {
          em.persist(usage(e, "conversation:" + e.id, UsageEvent.CONVERSATION, 1));
          usage.add("conversation:" + e.id);
        }
        for (Turn.Event ev : t.events) {
          if (ev.type().equals(EventTypes.LEAD_QUALIFIED)) {
            lead[0] = lead(e, st, engine);
            em.persist(lead[0]);
          } else if (ev.type().equals(EventTypes.CONVERSION)) {
            em.persist(conversion(e, UUID.randomUUID().toString(), ev.data().get("type"), 0, null, ev.data().get("node")));
          }
        }
        apply(e, st);
        e.state = Json.write(st);
        return null;
      });
    } catch (OptimisticLockException | RollbackException e) {
      if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
        throw ApiException.conflict("Another message of this conversation was handled at the same time; send it again");
      }
      throw e;
    }
    relay.afterCommit(tenant, schema, usage);
    for (Turn.Event ev : t.events) {
      Map<String, String> data = new LinkedHashMap<>(ev.data());
      data.put("conversationId", conversationId);
      data.put("agentId", agent.id);
      publish(tenant, ev.type(), data);
    }
    if (lead[0] != null) {
      deliver(tenant, schema, lead[0], st, engine);
    }
    return view(conversationId, st, t, null);
  }

  /** Fails with 403 unless {@code token} is the conversation's token (widget conversations). */
  public void checkToken(String schema, String conversationId, String token) {
    requireToken(store.tenant(schema, em -> conversation(em, conversationId).tokenHash), token);
  }

  private static void requireToken(String hash, String token) {
    if (hash == null || token == null || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        sha256(token).getBytes(StandardCharsets.US_ASCII))) {
      throw ApiException.forbidden("This conversation needs its conversation token");
    }
  }

  /**
   * Records a conversion reported by the tenant: booked (with its value, optionally) or purchased
   * with its value. Idempotent by reference. A value adds a revenue usage record ({@code
   * revenue:<CURRENCY>}, the value in minor units) in the same transaction.
   */
  public ConversationView convert(TenantContext tenant, String schema, String conversationId, String type, BigDecimal value,
      String currency, String reference) {
    if (type == null || !List.of("cta_taken", "booked", "purchased").contains(type)) {
      throw ApiException.invalid("type", "must be cta_taken, booked or purchased");
    }
    if (reference != null && reference.length() > 200) {
      throw ApiException.invalid("reference", "must be at most 200 characters");
    }
    long minor = 0;
    String cur = null;
    if ("purchased".equals(type) && value == null) {
      throw ApiException.invalid("value", "a purchase needs its value (a non-negative amount)");
    }
    if (value != null && !"cta_taken".equals(type)) {
      if (value.signum() < 0) {
        throw ApiException.invalid("value", "must be a non-negative amount");
      }
      try {
        Currency c = Currency.getInstance(currency == null ? "" : currency);
        cur = c.getCurrencyCode();
        BigDecimal scaled = value.setScale(Math.max(c.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
        minor = scaled.movePointRight(Math.max(c.getDefaultFractionDigits(), 0)).longValueExact();
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("currency", "must be an ISO 4217 code such as USD");
      } catch (ArithmeticException e) {
        throw ApiException.invalid("value", "has more decimals than " + currency + " allows");
      }
    }
    long amount = minor;
    String curr = cur;
    String ref = reference == null ? UUID.randomUUID().toString() : reference;
    // stable for a reference, so the revenue record of a retried report is the same record
    String conversionId = UUID.nameUUIDFromBytes(("conversion:" + conversationId + ":" + type + ":" + ref)
        .getBytes(StandardCharsets.UTF_8)).toString();
    String revenueId = amount > 0 && curr != null ? "conversion:" + conversionId : null;
    boolean[] added = new boolean[1];
    store.tenant(schema, em -> {
      ConversationEntity e = conversation(em, conversationId);
      long existing = em.createQuery("select count(c) from ConversionEntity c where c.conversationId = :c and c.type = :t and c.reference = :r", Long.class)
          .setParameter("c", conversationId).setParameter("t", type).setParameter("r", ref).getSingleResult();
      if (existing > 0) {
        return null;
      }
      if (curr != null && e.currency != null && !e.currency.equals(curr)) {
        throw ApiException.invalid("currency", "this conversation's conversions are in " + e.currency);
      }
      em.persist(conversion(e, conversionId, type, amount, curr, ref));
      if (revenueId != null) {
        em.persist(usage(e, revenueId, UsageEvent.REVENUE_PREFIX + curr.toUpperCase(Locale.ROOT), amount));
      }
      e.converted = 1;
      e.valueMinor += amount;
      if (curr != null) {
        e.currency = curr;
      }
      ConversationState st = Json.read(e.state, ConversationState.class);
      st.converted = true;
      e.state = Json.write(st);
      added[0] = true;
      return null;
    });
    if (added[0]) {
      if (revenueId != null) {
        relay.afterCommit(tenant, schema, List.of(revenueId));
      }
      Map<String, String> data = new LinkedHashMap<>();
      data.put("conversationId", conversationId);
      data.put("type", type);
      data.put("valueMinor", Long.toString(amount));
      if (curr != null) {
        data.put("currency", curr);
      }
      publish(tenant, EventTypes.CONVERSION, data);
    }
    return get(schema, conversationId);
  }

  /** Hands a conversation to a human now. */
  public ConversationView handoff(TenantContext tenant, String schema, String conversationId) {
    String[] summary = new String[1];
    store.tenant(schema, em -> {
      ConversationEntity e = conversation(em, conversationId);
      ConversationState st = Json.read(e.state, ConversationState.class);
      if (!"active".equals(st.status)) {
        throw ApiException.conflict("The conversation is " + st.status.replace('_', ' '));
      }
      st.status = "handed_off";
      e.status = st.status;
      e.state = Json.write(st);
      summary[0] = "Score " + st.score + (st.qualified ? " (qualified)" : "");
      return null;
    });
    publish(tenant, EventTypes.HANDOFF, Map.of("conversationId", conversationId, "summary", summary[0]));
    return get(schema, conversationId);
  }

  public ConversationView get(String schema, String conversationId) {
    return store.tenant(schema, em -> {
      ConversationEntity e = conversation(em, conversationId);
      ConversationState st = Json.read(e.state, ConversationState.class);
      List<MessageView> messages = em.createQuery(
              "select m from MessageEntity m where m.conversationId = :c order by m.seq", MessageEntity.class)
          .setParameter("c", conversationId).getResultList().stream()
          .map(m -> new MessageView(m.seq, m.role, m.content, m.node, m.trace == null ? null : Json.tree(m.trace),
              AgentStore.instant(m.createdAt)))
          .toList();
      LeadEntity lead = em.createQuery("select l from LeadEntity l where l.conversationId = :c", LeadEntity.class)
          .setParameter("c", conversationId).getResultList().stream().findFirst().orElse(null);
      return new ConversationView(e.id, e.agentId, e.agentVersion, e.language, e.channel, e.status, e.leadScore,
          e.qualified == 1, e.converted == 1, e.valueMinor, e.currency, e.prospectMessages, st.slots, st.scorecard, st.assignments,
          st.consent, lead == null ? null : lead.summary, messages, AgentStore.instant(e.startedAt),
          AgentStore.instant(e.updatedAt));
    });
  }

  /** Conversations, newest first, filtered. */
  public Page<ConversationSummary> list(String schema, String agentId, String status, Boolean qualified, Boolean converted,
      Instant from, Instant to, int offset, int limit) {
    Page.checkBounds(offset, limit);
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (agentId != null) {
      where.append(" and c.agentId = :agent");
      params.put("agent", agentId);
    }
    if (status != null) {
      if (!List.of("active", "ended", "handed_off").contains(status)) {
        throw ApiException.invalid("status", "must be active, ended or handed_off");
      }
      where.append(" and c.status = :status");
      params.put("status", status);
    }
    if (qualified != null) {
      where.append(" and c.qualified = :qualified");
      params.put("qualified", qualified ? 1 : 0);
    }
    if (converted != null) {
      where.append(" and c.converted = :converted");
      params.put("converted", converted ? 1 : 0);
    }
    if (from != null) {
      where.append(" and c.startedAt >= :from");
      params.put("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC));
    }
    if (to != null) {
      where.append(" and c.startedAt < :to");
      params.put("to", LocalDateTime.ofInstant(to, ZoneOffset.UTC));
    }
    return store.tenant(schema, em -> {
      TypedQuery<ConversationEntity> q = em.createQuery(
          "select c from ConversationEntity c" + where + " order by c.startedAt desc, c.id", ConversationEntity.class);
      TypedQuery<Long> n = em.createQuery("select count(c) from ConversationEntity c" + where, Long.class);
      params.forEach((k, v) -> {
        q.setParameter(k, v);
        n.setParameter(k, v);
      });
      List<ConversationSummary> rows = q.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
          .map(c -> new ConversationSummary(c.id, c.agentId, c.agentVersion, c.language, c.channel, c.status, c.leadScore,
              c.qualified == 1, c.converted == 1, c.valueMinor, c.prospectMessages, AgentStore.instant(c.startedAt),
              AgentStore.instant(c.updatedAt)))
          .toList();
      return new Page<>(rows, offset, limit, n.getSingleResult());
    });
  }

  /** Leads of the tenant, newest first. */
  public Page<Map<String, Object>> leads(String schema, String agentId, int offset, int limit) {
    Page.checkBounds(offset, limit);
    return store.tenant(schema, em -> {
      String where = agentId == null ? "" : " where l.agentId = :a";
      TypedQuery<LeadEntity> q = em.createQuery("select l from LeadEntity l" + where + " order by l.qualifiedAt desc, l.id", LeadEntity.class);
      TypedQuery<Long> n = em.createQuery("select count(l) from LeadEntity l" + where, Long.class);
      if (agentId != null) {
        q.setParameter("a", agentId);
        n.setParameter("a", agentId);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (LeadEntity l : q.setFirstResult(offset).setMaxResults(limit).getResultList()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id);
        m.put("conversationId", l.conversationId);
        m.put("agentId", l.agentId);
        m.put("score", l.score);
        m.put("fields", Json.tree(l.data));
        m.put("summary", l.summary);
        m.put("qualifiedAt", AgentStore.instant(l.qualifiedAt));
        m.put("deliveries", l.delivered == null ? null : Json.tree(l.delivered));
        rows.add(m);
      }
      return new Page<>(rows, offset, limit, n.getSingleResult());
    });
  }

  Engine engine(TenantContext tenant, String schema, AgentEntity agent, Compiled c) {
    return new Engine(c.definition(), c.understanding(), embedder,
        knowledge.port(tenant, schema, agent.id, agent.kbRevision, c.definition().settings().languageModel()));
  }

  private void deliver(TenantContext tenant, String schema, LeadEntity lead, ConversationState st, Engine engine) {
    Map<String, String> fields = new LinkedHashMap<>();
    st.slots.forEach((k, v) -> {
      if (!List.of("name", "email", "phone", "company").contains(k)) {
        fields.put(k, v.value());
      }
    });
    Lead l = new Lead(lead.id, lead.agentId, lead.conversationId, value(st, "name"), value(st, "email"), value(st, "phone"),
        value(st, "company"), lead.score, fields, lead.summary, AgentStore.instant(lead.qualifiedAt));
    after.execute(() -> {
      try {
        List<PluginOutcome<DeliveryResult>> out = plugins.callAll(tenant, LeadSink.class, (sink, ctx) -> sink.deliver(ctx, l));
        List<Map<String, Object>> results = new ArrayList<>();
        for (PluginOutcome<DeliveryResult> o : out) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("pluginId", o.pluginId());
          r.put("delivered", o.ok() && o.value() != null && o.value().delivered());
          r.put("message", o.ok() ? (o.value() == null ? null : o.value().message()) : o.error());
          results.add(r);
        }
        store.tenant(schema, em -> {
          LeadEntity e = em.find(LeadEntity.class, lead.id);
          if (e != null) {
            e.delivered = Json.write(results);
          }
          return null;
        });
      } catch (RuntimeException e) {
        LOG.warn("Delivering lead {} failed: {}", lead.id, e.toString());
      }
    });
  }

  private void publish(TenantContext tenant, String type, Map<String, String> data) {
    try {
      events.publish(tenant, type, data);
    } catch (RuntimeException e) {
      LOG.warn("Publishing {} failed: {}", type, e.toString());
    }
  }

  private static String value(ConversationState st, String slot) {
    ConversationState.SlotValue v = st.slots.get(slot);
    return v == null ? null : v.value();
  }

  private LeadEntity lead(ConversationEntity e, ConversationState st, Engine engine) {
    LeadEntity l = new LeadEntity();
    l.id = UUID.nameUUIDFromBytes(("lead:" + e.id).getBytes(StandardCharsets.UTF_8)).toString();
    l.conversationId = e.id;
    l.agentId = e.agentId;
    l.score = st.score;
    l.data = Json.write(st.slots);
    l.summary = truncate(engine.summary(st, e.language), 2000);
    l.qualifiedAt = store.utcNow();
    return l;
  }

  private ConversionEntity conversion(ConversationEntity e, String id, String type, long minor, String currency, String reference) {
    ConversionEntity c = new ConversionEntity();
    c.id = id;
    c.conversationId = e.id;
    c.agentId = e.agentId;
    c.type = type;
    c.valueMinor = minor;
    c.currency = currency;
    c.reference = reference;
    c.createdAt = billingNow();
    return c;
  }

  /** A usage record of the conversation, timed (and so put in its period) by the billing clock. */
  private UsageEntity usage(ConversationEntity e, String id, String kind, long quantity) {
    UsageEntity u = new UsageEntity();
    u.id = id;
    u.kind = kind;
    u.agentId = e.agentId;
    u.conversationId = e.id;
    u.createdAt = billingNow();
    u.period = PERIOD.format(u.createdAt);
    u.quantity = quantity;
    return u;
  }

  private LocalDateTime billingNow() {
    return LocalDateTime.ofInstant(billingClock.instant(), ZoneOffset.UTC);
  }

  private void addMessage(EntityManager em, ConversationEntity e, ConversationState st, String role, String text, String node, Turn t) {
    MessageEntity m = new MessageEntity();
    m.id = UUID.randomUUID().toString();
    m.conversationId = e.id;
    m.seq = ++st.messages;
    m.role = role;
    m.content = text;
    m.node = node;
    m.trace = t == null ? null : Json.write(trace(t));
    m.createdAt = store.utcNow();
    em.persist(m);
  }

  private static void assignments(EntityManager em, ConversationEntity e, ConversationState st) {
    for (Map.Entry<String, String> a : st.assignments.entrySet()) {
      AssignmentEntity.Key k = new AssignmentEntity.Key();
      k.conversationId = e.id;
      k.experiment = a.getKey();
      if (em.find(AssignmentEntity.class, k) == null) {
        AssignmentEntity x = new AssignmentEntity();
        x.conversationId = e.id;
        x.experiment = a.getKey();
        x.agentId = e.agentId;
        x.variant = a.getValue();
        em.persist(x);
      }
    }
  }

  private void apply(ConversationEntity e, ConversationState st) {
    e.status = st.status;
    e.leadScore = st.score;
    e.qualified = st.qualified ? 1 : 0;
    e.converted = e.converted == 1 || st.converted ? 1 : 0;
    e.updatedAt = store.utcNow();
  }

  /** The trace kept with each agent message (and returned by the simulator). */
  public static Map<String, Object> trace(Turn t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", t.path);
    m.put("intent", t.intent);
    m.put("objection", t.objection);
    m.put("intents", t.intents);
    m.put("sources", t.sources);
    m.put("captured", t.captured);
    m.put("compliance", t.compliance);
    m.put("cta", t.cta);
    m.put("events", t.events.stream().map(Turn.Event::type).toList());
    return m;
  }

  private static TurnView view(String id, ConversationState st, Turn t, String token) {
    return new TurnView(id, t.reply(), st.node, t.path,
        t.intent == null ? null : new Detected(t.intent.name(), t.intent.score()),
        t.objection == null ? null : new Detected(t.objection.name(), t.objection.score()),
        t.intents, t.sources, t.captured, t.compliance, t.cta, st.score, st.qualified, st.converted, st.status, token);
  }

  private static ConversationEntity conversation(EntityManager em, String id) {
    ConversationEntity e = em.find(ConversationEntity.class, id);
    if (e == null) {
      throw ApiException.notFound("No conversation " + id);
    }
    return e;
  }

  private static String token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
