package com.ngx.tenant.internal;

import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.TenantSchemas;
import com.ngx.persistence.Transactions;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantLifecycleParticipant;
import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tenant lifecycle over the shared {@code tenant} table and one schema per tenant. */
@Component(
    service = {TenantService.class, TenantServiceImpl.class},
    configurationPid = "com.ngx.tenant")
@Designate(ocd = TenantConfiguration.class)
public final class TenantServiceImpl implements TenantService {

  private static final Logger LOG = LoggerFactory.getLogger(TenantServiceImpl.class);
  static final int NAME_MAX = 200;
  static final int REASON_MAX = 500;

  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final TenantSchemas schemas;
  private final Duration grace;
  private final Clock clock;
  private final List<TenantLifecycleParticipant> participants = new CopyOnWriteArrayList<>();
  private final AuthCache authCache;

  @Activate
  public TenantServiceImpl(
      @Reference(target = "(osgi.unit.name=ngx-tenant)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=tenant)") SchemaReady ready,
      @Reference Transactions tx,
      @Reference TenantSchemas schemas,
      @Reference AuthCache authCache,
      TenantConfiguration configuration) {
    this(
        unit,
        tx,
        schemas,
        authCache,
        Duration.ofDays(configuration.deleteGraceDays()),
        Clock.systemUTC());
  }

  TenantServiceImpl(
      EntityManagerFactory unit,
      Transactions tx,
      TenantSchemas schemas,
      AuthCache authCache,
      Duration grace,
      Clock clock) {
    this.unit = unit;
    this.authCache = authCache;
    this.tx = tx;
    this.schemas = schemas;
    this.grace = grace;
    this.clock = clock;
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      unbind = "removeParticipant")
  void addParticipant(TenantLifecycleParticipant participant) {
    participants.add(participant);
  }

  void removeParticipant(TenantLifecycleParticipant participant) {
    participants.remove(participant);
  }

  @Override
  public Tenant provision(String slug, String name) {
    String normalizedName = name == null ? null : name.strip();
    Validator v = new Validator();
    String slugProblem = Slugs.problem(slug);
    if (slugProblem != null) {
      v.error("slug", slugProblem);
    }
    v.requireText("name", normalizedName, NAME_MAX);
    v.throwIfInvalid();
    if (findBySlug(slug).isPresent()) {
      throw ApiException.conflict("slug", "is already taken");
    }

    Instant now = now();
    TenantEntity entity = new TenantEntity();
    entity.id = UUID.randomUUID().toString();
    entity.slug = slug;
    entity.name = normalizedName;
    entity.status = TenantStatus.PROVISIONING;
    entity.schemaName = Slugs.schemaOf(slug);
    entity.createdAt = Times.utc(now);
    entity.updatedAt = entity.createdAt;
    try {
      tx.shared(unit, em -> {
        em.persist(entity);
        return null;
      });
    } catch (RuntimeException e) {
      if (Violations.isUniqueViolation(e)) {
        throw ApiException.conflict("slug", "is already taken");
      }
      throw e;
    }

    boolean schemaCreated = false;
    List<TenantLifecycleParticipant> done = new ArrayList<>();
    Tenant provisioning = entity.toDTO();
    try {
      schemas.create(entity.schemaName);
      schemaCreated = true;
      for (TenantLifecycleParticipant participant : participants) {
        participant.provisioning(provisioning);
        done.add(participant);
      }
      Tenant active =
          update(
              UUID.fromString(entity.id),
              t -> {
                if (t.status != TenantStatus.PROVISIONING) {
                  throw new IllegalStateException("the tenant was cleaned up while provisioning");
                }
                t.status = TenantStatus.ACTIVE;
              });
      LOG.info("Provisioned tenant {} ({}) in schema {}", slug, active.id(), active.schema());
      return active;
    } catch (RuntimeException e) {
      LOG.error("Provisioning of tenant {} failed; rolling it back", slug, e);
      // participants that completed undo their part, last first
      for (int i = done.size() - 1; i >= 0; i--) {
        try {
          done.get(i).purged(provisioning);
        } catch (RuntimeException undo) {
          LOG.error("A participant could not undo its part of tenant {}", slug, undo);
        }
      }
      rollBackProvisioning(entity.id, entity.schemaName, schemaCreated);
      throw new ApiException(
          500,
          "Provisioning failed",
          "Provisioning of tenant '" + slug + "' failed and was rolled back: " + e.getMessage(),
          List.of());
    }
  }

  /**
   * Removes every trace of a tenant whose provisioning did not complete: its row only while it is
   * still {@code provisioning} (another node may just have finished it), then its schema.
   *
   * @return whether the tenant was removed
   */
  boolean rollBackProvisioning(String id, String schema, boolean schemaCreated) {
    boolean removed =
        tx.shared(
            unit,
            em -> {
              em.createQuery("delete from ApiKeyEntity k where k.tenantId = :t")
                  .setParameter("t", id)
                  .executeUpdate();
              return em.createQuery(
                          "delete from TenantEntity t where t.id = :id and t.status = :provisioning")
                      .setParameter("id", id)
                      .setParameter("provisioning", TenantStatus.PROVISIONING)
                      .executeUpdate()
                  == 1;
            });
    if (removed) {
      try {
        schemas.drop(schema);
      } catch (RuntimeException e) {
        LOG.error("Could not drop schema {} of a failed provisioning", schema, e);
      }
    }
    return removed;
  }

  @Override
  public Optional<Tenant> get(UUID id) {
    return tx.shared(unit, em -> Optional.ofNullable(em.find(TenantEntity.class, id.toString())))
        .map(TenantEntity::toDTO);
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return tx.shared(
        unit,
        em ->
            em.createQuery("select t from TenantEntity t where t.slug = :slug", TenantEntity.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst()
                .map(TenantEntity::toDTO));
  }

  @Override
  public List<Tenant> list(TenantQuery query) {
    return tx.shared(
        unit,
        em ->
            where(em, "select t from TenantEntity t", query, TenantEntity.class, " order by t.createdAt desc, t.id")
                .setFirstResult(query.offset())
                .setMaxResults(query.limit())
                .getResultList()
                .stream()
                .map(TenantEntity::toDTO)
                .toList());
  }

  @Override
  public long count(TenantQuery query) {
    return tx.shared(
        unit, em -> where(em, "select count(t) from TenantEntity t", query, Long.class, "").getSingleResult());
  }

  private static <T> TypedQuery<T> where(
      EntityManager em, String select, TenantQuery query, Class<T> type, String order) {
    List<String> conditions = new ArrayList<>();
    conditions.add(query.status() == null ? "t.status <> :purged" : "t.status = :status");
    if (query.text() != null && !query.text().isBlank()) {
      conditions.add("(lower(t.slug) like :text or lower(t.name) like :text)");
    }
    TypedQuery<T> q =
        em.createQuery(select + " where " + String.join(" and ", conditions) + order, type);
    if (query.status() == null) {
      q.setParameter("purged", TenantStatus.PURGED);
    } else {
      q.setParameter("status", query.status());
    }
    if (query.text() != null && !query.text().isBlank()) {
      q.setParameter("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
    }
    return q;
  }

  private static String escapeLike(String text) {
    return text.replace("%", "").replace("_", "");
  }

  @Override
  public Tenant update(UUID id, String name, boolean changeLimits, Integer ratePerSecond, Integer rateBurst) {
    String normalized = name == null ? null : name.strip();
    Validator v = new Validator();
    if (name != null) {
      v.requireText("name", normalized, NAME_MAX);
    }
    if (changeLimits) {
      checkLimits(v, ratePerSecond, rateBurst);
    }
    v.throwIfInvalid();
    return update(id, t -> {
      requireNotGone(t);
      if (name != null) {
        t.name = normalized;
      }
      if (changeLimits) {
        t.ratePerSecond = ratePerSecond;
        t.rateBurst = rateBurst;
      }
    });
  }

  private static void checkLimits(Validator v, Integer ratePerSecond, Integer rateBurst) {
    v.require(
            "limits.ratePerSecond",
            ratePerSecond == null || (ratePerSecond >= 1 && ratePerSecond <= 100_000),
            "must be between 1 and 100000")
        .require(
            "limits.rateBurst",
            rateBurst == null || (rateBurst >= 1 && rateBurst <= 1_000_000),
            "must be between 1 and 1000000");
  }

  @Override
  public Tenant rename(UUID id, String name) {
    String normalized = name == null ? null : name.strip();
    Validator v = new Validator();
    v.requireText("name", normalized, NAME_MAX);
    v.throwIfInvalid();
    return update(id, t -> {
      requireNotGone(t);
      t.name = normalized;
    });
  }

  @Override
  public Tenant setRateLimit(UUID id, Integer ratePerSecond, Integer rateBurst) {
    Validator v = new Validator();
    checkLimits(v, ratePerSecond, rateBurst);
    v.throwIfInvalid();
    return update(id, t -> {
      requireNotGone(t);
      t.ratePerSecond = ratePerSecond;
      t.rateBurst = rateBurst;
    });
  }

  @Override
  public Tenant suspend(UUID id, String reason) {
    String normalized = reason == null || reason.isBlank() ? null : reason.strip();
    new Validator().requireText("reason", normalized, REASON_MAX).throwIfInvalid();
    return update(id, t -> {
      if (t.status != TenantStatus.ACTIVE && t.status != TenantStatus.SUSPENDED) {
        throw ApiException.conflict("Only an active tenant can be suspended; it is " + t.status.apiName());
      }
      t.status = TenantStatus.SUSPENDED;
      t.statusReason = normalized;
    });
  }

  @Override
  public Tenant reactivate(UUID id) {
    return update(id, t -> {
      if (t.status == TenantStatus.ACTIVE) {
        return;
      }
      if (t.status != TenantStatus.SUSPENDED && t.status != TenantStatus.DELETED) {
        throw ApiException.conflict("A " + t.status.apiName() + " tenant cannot be reactivated");
      }
      t.status = TenantStatus.ACTIVE;
      t.statusReason = null;
      t.deletedAt = null;
      t.purgeAfter = null;
    });
  }

  @Override
  public Tenant delete(UUID id) {
    return update(id, t -> {
      if (t.status == TenantStatus.DELETED) {
        return;
      }
      requireNotGone(t);
      Instant now = now();
      t.status = TenantStatus.DELETED;
      t.deletedAt = Times.utc(now);
      t.purgeAfter = Times.utc(now.plus(grace));
    });
  }

  @Override
  public Tenant purge(UUID id) {
    Tenant tenant = get(id).orElseThrow(() -> ApiException.notFound("No tenant " + id));
    if (tenant.status() == TenantStatus.PURGED) {
      return tenant;
    }
    if (tenant.status() != TenantStatus.DELETED) {
      throw ApiException.conflict("Only a deleted tenant can be purged; delete it first");
    }
    // claim the tenant: only one caller gets from deleted to purged, and a reactivation that
    // came first wins (nothing is dropped then)
    boolean claimed =
        tx.shared(
            unit,
            em -> {
              int rows =
                  em.createQuery(
                          "update TenantEntity t set t.status = :purged, t.purgeAfter = null,"
                              + " t.updatedAt = :now, t.version = t.version + 1"
                              + " where t.id = :id and t.status = :deleted")
                      .setParameter("purged", TenantStatus.PURGED)
                      .setParameter("now", Times.utc(now()))
                      .setParameter("id", id.toString())
                      .setParameter("deleted", TenantStatus.DELETED)
                      .executeUpdate();
              if (rows == 1) {
                em.createQuery("delete from ApiKeyEntity k where k.tenantId = :t")
                    .setParameter("t", id.toString())
                    .executeUpdate();
              }
              return rows == 1;
            });
    if (!claimed) {
      throw ApiException.conflict("The tenant is no longer deleted; it was not purged");
    }
    authCache.forgetTenant(id);
    for (TenantLifecycleParticipant participant : participants) {
      try {
        participant.purged(tenant);
      } catch (RuntimeException e) {
        LOG.error("A participant could not erase its data of tenant {}", tenant.slug(), e);
      }
    }
    schemas.drop(tenant.schema());
    Tenant purged = get(id).orElseThrow();
    LOG.info("Purged tenant {} ({}): schema {} dropped", tenant.slug(), id, tenant.schema());
    return purged;
  }

  /** Purges deleted tenants past their grace period and cleans up stuck provisionings. */
  int housekeeping(Duration stuckAfter) {
    Instant now = now();
    List<TenantEntity> due =
        tx.shared(
            unit,
            em ->
                em.createQuery(
                        "select t from TenantEntity t where (t.status = :deleted and t.purgeAfter <= :now)"
                            + " or (t.status = :provisioning and t.createdAt <= :stuck)",
                        TenantEntity.class)
                    .setParameter("deleted", TenantStatus.DELETED)
                    .setParameter("provisioning", TenantStatus.PROVISIONING)
                    .setParameter("now", Times.utc(now))
                    .setParameter("stuck", Times.utc(now.minus(stuckAfter)))
                    .getResultList());
    int done = 0;
    for (TenantEntity t : due) {
      try {
        if (t.status == TenantStatus.DELETED) {
          purge(UUID.fromString(t.id));
        } else {
          if (rollBackProvisioning(t.id, t.schemaName, true)) {
            LOG.warn("Cleaned up tenant {} stuck in provisioning since {}", t.slug, t.createdAt);
          }
        }
        done++;
      } catch (RuntimeException e) {
        LOG.error("Housekeeping of tenant {} failed", t.slug, e);
      }
    }
    return done;
  }

  private Tenant update(UUID id, Consumer<TenantEntity> change) {
    Tenant updated;
    try {
      updated =
        tx.shared(
            unit,
            em -> {
              TenantEntity t = em.find(TenantEntity.class, id.toString());
              if (t == null) {
                throw ApiException.notFound("No tenant " + id);
              }
              change.accept(t);
              t.updatedAt = Times.utc(now());
              em.flush();
              return t.toDTO();
            });
    } catch (javax.persistence.OptimisticLockException | javax.persistence.RollbackException e) {
      throw ApiException.conflict("The tenant was changed at the same time; read it again and retry");
    }
    authCache.forgetTenant(id);
    return updated;
  }

  private static void requireNotGone(TenantEntity t) {
    if (t.status == TenantStatus.DELETED || t.status == TenantStatus.PURGED) {
      throw ApiException.conflict("The tenant is " + t.status.apiName());
    }
    if (t.status == TenantStatus.PROVISIONING) {
      throw ApiException.conflict("The tenant is still being provisioned");
    }
  }


  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
