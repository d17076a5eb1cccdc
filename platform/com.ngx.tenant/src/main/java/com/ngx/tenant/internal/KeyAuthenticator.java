package com.ngx.tenant.internal;

import com.ngx.api.tenant.TenantContext;
import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.Transactions;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Authenticator;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.RateLimit;
import com.ngx.rest.TenantPrincipal;
import com.ngx.tenant.TenantStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves bearer keys: operator keys from configuration and the environment, and stored keys
 * (operator or tenant) by the SHA-256 of the secret, joined with their tenant in one query.
 */
@Component(
    service = {Authenticator.class, KeyAuthenticator.class},
    configurationPid = "com.ngx.tenant")
public final class KeyAuthenticator implements Authenticator {

  /** Environment variable holding an extra operator key. */
  static final String OPERATOR_KEY_ENV = "NGX_OPERATOR_KEY";

  private final EntityManagerFactory unit;
  private final Transactions tx;
  private final AuthCache cache;
  private final List<byte[]> configuredOperatorHashes;

  @Activate
  public KeyAuthenticator(
      @Reference(target = "(osgi.unit.name=ngx-tenant)") EntityManagerFactory unit,
      @Reference(target = "(" + SchemaReady.MODULE + "=tenant)") SchemaReady ready,
      @Reference Transactions tx,
      @Reference AuthCache cache,
      TenantConfiguration configuration) {
    this(unit, tx, cache, configuration.operatorKeys(), System.getenv(OPERATOR_KEY_ENV));
  }

  KeyAuthenticator(
      EntityManagerFactory unit,
      Transactions tx,
      AuthCache cache,
      String[] operatorKeys,
      String envKey) {
    this.unit = unit;
    this.tx = tx;
    this.cache = cache;
    this.configuredOperatorHashes = operatorHashes(operatorKeys, envKey);
  }

  /** Whether an operator key is configured outside the database. */
  boolean hasConfiguredOperatorKey() {
    return !configuredOperatorHashes.isEmpty();
  }

  static List<byte[]> operatorHashes(String[] operatorKeys, String envKey) {
    List<byte[]> hashes = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String entry : operatorKeys == null ? new String[0] : operatorKeys) {
      // a .cfg file gives "a, b" as one string
      keys.addAll(Arrays.asList(entry.split(",")));
    }
    if (envKey != null && !envKey.isBlank()) {
      keys.add(envKey.strip());
    }
    for (String key : keys) {
      String k = key.strip();
      if (k.isEmpty()) {
        continue;
      }
      String hex = k.startsWith("sha256:") ? k.substring(7).toLowerCase() : Keys.hash(k);
      hashes.add(hex.getBytes(StandardCharsets.US_ASCII));
    }
    return hashes;
  }

  @Override
  public Optional<ApiPrincipal> authenticate(String bearerKey) {
    if (bearerKey == null || bearerKey.isEmpty() || bearerKey.length() > 200
        || bearerKey.startsWith(Keys.PUBLISHER_PREFIX)) {
      // publisher keys are the marketplace's to authenticate
      return Optional.empty();
    }
    String hash = Keys.hash(bearerKey);
    byte[] hashBytes = hash.getBytes(StandardCharsets.US_ASCII);
    for (byte[] configured : configuredOperatorHashes) {
      if (MessageDigest.isEqual(configured, hashBytes)) {
        return Optional.of(new OperatorPrincipal("config"));
      }
    }
    ApiPrincipal cached = cache.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    long generation = cache.generation();
    Optional<ApiPrincipal> found = lookUp(hash);
    found.ifPresent(p -> cache.put(hash, p, generation));
    return found;
  }

  private Optional<ApiPrincipal> lookUp(String hash) {
    return tx.shared(
        unit,
        em -> {
          List<Object[]> rows =
              em.createNamedQuery(ApiKeyEntity.BY_HASH_WITH_TENANT, Object[].class)
                  .setParameter("hash", hash)
                  .getResultList();
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          ApiKeyEntity key = (ApiKeyEntity) rows.get(0)[0];
          TenantEntity tenant = (TenantEntity) rows.get(0)[1];
          if (ApiKeyEntity.OPERATOR.equals(key.kind)) {
            return Optional.of(new OperatorPrincipal(key.id));
          }
          if (tenant == null
              || (tenant.status != TenantStatus.ACTIVE && tenant.status != TenantStatus.SUSPENDED)) {
            return Optional.empty();
          }
          boolean active = tenant.status == TenantStatus.ACTIVE;
          RateLimit limit =
              tenant.ratePerSecond == null && tenant.rateBurst == null
                  ? null
                  : rateLimit(tenant.ratePerSecond, tenant.rateBurst);
          return Optional.of(
              new TenantPrincipal(
                  new TenantContext(UUID.fromString(tenant.id), tenant.slug),
                  tenant.schemaName,
                  active,
                  active ? null : "The tenant is suspended: " + tenant.statusReason,
                  key.id,
                  Set.of(key.scopes.split(" ")),
                  limit));
        });
  }

  /** A tenant's own limit; a missing half takes a proportionate value from the other. */
  static RateLimit rateLimit(Integer perSecond, Integer burst) {
    int rate = perSecond != null ? perSecond : Math.max(1, burst / 2);
    int size = burst != null ? burst : rate * 2;
    return new RateLimit(rate, size);
  }
}
