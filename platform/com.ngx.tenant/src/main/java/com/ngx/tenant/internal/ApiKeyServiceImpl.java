package com.ngx.tenant.internal;

import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import com.ngx.rest.ApiException;
import com.ngx.rest.Scopes;
import com.ngx.rest.Validator;
import com.ngx.tenant.ApiKey;
import com.ngx.tenant.ApiKeyService;
import com.ngx.tenant.CreatedApiKey;
import com.ngx.tenant.TenantStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API keys in the shared {@code api_key} table. */
@Component
public final class ApiKeyServiceImpl implements ApiKeyService {

  static final int NAME_MAX = 100;

  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final AuthCache authCache;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public ApiKeyServiceImpl(
      @Reference(target = "(osgi.unit.name=ngx-tenant)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=tenant)") SchemaReady ready,
      @Reference Transactions tx,
      @Reference AuthCache authCache) {
    this.unit = unit;
    this.tx = tx;
    this.authCache = authCache;
  }

  @Override
  public CreatedApiKey createTenantKey(UUID tenantId, String name, Set<String> scopes) {
    String normalized = name == null ? null : name.strip();
    Validator v = new Validator();
    v.requireText("name", normalized, NAME_MAX);
    v.require("scopes", scopes != null && !scopes.isEmpty(), "must name at least one scope");
    if (scopes != null) {
      for (String scope : new TreeSet<>(scopes)) {
        v.require(
            "scopes",
            Scopes.KNOWN.contains(scope),
            "'" + scope + "' is not a scope; known scopes: " + new TreeSet<>(Scopes.KNOWN));
      }
    }
    v.throwIfInvalid();
    return tx.shared(
        unit,
        em -> {
          TenantEntity tenant = em.find(TenantEntity.class, tenantId.toString());
          if (tenant == null
              || tenant.status == TenantStatus.DELETED
              || tenant.status == TenantStatus.PURGED) {
            throw ApiException.notFound("No tenant " + tenantId);
          }
          if (tenant.status == TenantStatus.PROVISIONING) {
            throw ApiException.conflict("The tenant is still being provisioned");
          }
          return persist(em, tenantId.toString(), ApiKeyEntity.TENANT, normalized, scopes, Keys.TENANT_PREFIX);
        });
  }

  @Override
  public CreatedApiKey createOperatorKey(String name) {
    return tx.shared(
        unit,
        em -> persist(em, null, ApiKeyEntity.OPERATOR, name, Set.of(Scopes.ALL), Keys.OPERATOR_PREFIX));
  }

  private CreatedApiKey persist(
      javax.persistence.EntityManager em,
      String tenantId,
      String kind,
      String name,
      Set<String> scopes,
      String prefix) {
    String secret = Keys.newSecret(prefix);
    ApiKeyEntity key = new ApiKeyEntity();
    key.id = UUID.randomUUID().toString();
    key.tenantId = tenantId;
    key.kind = kind;
    key.name = name;
    key.prefix = Keys.displayPrefix(secret);
    key.secretHash = Keys.hash(secret);
    key.scopes = String.join(" ", new TreeSet<>(scopes));
    key.createdAt = Times.utc(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    em.persist(key);
    return new CreatedApiKey(key.toDTO(), secret);
  }

  @Override
  public boolean hasOperatorKey() {
    return tx.shared(
        unit,
        em ->
            em.createQuery(
                    "select count(k) from ApiKeyEntity k where k.kind = :kind and k.revokedAt is null",
                    Long.class)
                .setParameter("kind", ApiKeyEntity.OPERATOR)
                .getSingleResult()
            > 0);
  }

  @Override
  public List<ApiKey> list(UUID tenantId, int offset, int limit) {
    return tx.shared(
        unit,
        em ->
            em.createQuery(
                    "select k from ApiKeyEntity k where k.tenantId = :t order by k.createdAt desc, k.id",
                    ApiKeyEntity.class)
                .setParameter("t", tenantId.toString())
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(ApiKeyEntity::toDTO)
                .toList());
  }

  @Override
  public long count(UUID tenantId) {
    return tx.shared(
        unit,
        em ->
            em.createQuery("select count(k) from ApiKeyEntity k where k.tenantId = :t", Long.class)
                .setParameter("t", tenantId.toString())
                .getSingleResult());
  }

  @Override
  public boolean revoke(UUID tenantId, UUID keyId) {
    boolean revoked = tx.shared(
        unit,
        em -> {
          ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId.toString());
          if (key == null || !tenantId.toString().equals(key.tenantId)) {
            return false;
          }
          if (key.revokedAt == null) {
            key.revokedAt = Times.utc(clock.instant().truncatedTo(ChronoUnit.MILLIS));
          }
          return true;
        });
    if (revoked) {
      authCache.forgetKey(keyId.toString());
    }
    return revoked;
  }

}
