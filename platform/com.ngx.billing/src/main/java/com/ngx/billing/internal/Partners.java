package com.ngx.billing.internal;

import com.ngx.billing.internal.calc.Commissions;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Authenticator;
import com.ngx.rest.PartnerPrincipal;
import com.ngx.rest.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
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

/**
 * Partners (agencies, resellers) that own client tenants: their accounts and API keys ({@code
 * ngx_pa_…}, stored as SHA-256), their clients, commissions on clients' payments (30% in a client's
 * first year with the partner, 20% after, configurable per partner) kept in {@code bill_commission},
 * and monthly statements.
 */
@Component(service = {Partners.class, Authenticator.class}, configurationPid = "com.ngx.billing")
public final class Partners implements Authenticator {
  static final String PREFIX = "ngx_pa_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BillingStore store;
  private final BillingConfiguration config;

  @Activate
  public Partners(@Reference BillingStore store, BillingConfiguration config) {
    this.store = store;
    this.config = config;
  }

  /** A partner as the API shows it. */
  public record Partner(UUID id, String name, String email, String status, String issuerId, int firstYearBasisPoints,
      int laterBasisPoints, java.time.Instant createdAt) {}

  /** A new key; the secret is shown once. */
  public record CreatedKey(UUID id, String name, String prefix, String secret) {}

  /** A commission line. */
  public record Commission(UUID id, UUID tenantId, String paymentId, String kind, long baseMinor, int rateBasisPoints,
      long amountMinor, String currency, java.time.Instant at) {}

  /** A partner's statement for a month: lines and totals per currency. */
  public record Statement(UUID partnerId, String period, List<Commission> lines, Map<String, Long> totals) {}

  public Partner create(String name, String email, Integer firstYearBp, Integer laterBp) {
    Validator v = new Validator().requireText("name", name, 100).requireText("email", email, 254);
    if (email != null) {
      v.require("email", email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "must be an email address");
    }
    int first = firstYearBp == null ? config.partnerFirstYearBasisPoints() : firstYearBp;
    int later = laterBp == null ? config.partnerLaterBasisPoints() : laterBp;
    v.require("firstYearBasisPoints", first >= 0 && first <= 10000, "must be between 0 and 10000");
    v.require("laterBasisPoints", later >= 0 && later <= 10000, "must be between 0 and 10000");
    v.throwIfInvalid();
    return store.tx(em -> {
      if (!em.createQuery("select p.id from PartnerEntity p where p.name = :n", String.class)
          .setParameter("n", name.strip()).getResultList().isEmpty()) {
        throw ApiException.conflict("A partner named " + name.strip() + " exists");
      }
      PartnerEntity p = new PartnerEntity();
      p.id = UUID.randomUUID().toString();
      p.name = name.strip();
      p.email = email.strip();
      p.status = "active";
      p.firstYearBp = first;
      p.laterBp = later;
      p.createdAt = store.utcNow();
      em.persist(p);
      return dto(p);
    });
  }

  public List<Partner> list() {
    return store.tx(em -> em.createQuery("select p from PartnerEntity p order by p.name", PartnerEntity.class)
        .getResultList().stream().map(Partners::dto).toList());
  }

  public Partner get(UUID id) {
    return store.tx(em -> Optional.ofNullable(em.find(PartnerEntity.class, id.toString())).map(Partners::dto)
        .orElseThrow(() -> ApiException.notFound("No partner " + id)));
  }

  public CreatedKey createKey(UUID partnerId, String name) {
    new Validator().requireText("name", name, 100).throwIfInvalid();
    return store.tx(em -> {
      if (em.find(PartnerEntity.class, partnerId.toString()) == null) {
        throw ApiException.notFound("No partner " + partnerId);
      }
      byte[] random = new byte[24];
      RANDOM.nextBytes(random);
      String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      PartnerKeyEntity k = new PartnerKeyEntity();
      k.id = UUID.randomUUID().toString();
      k.partnerId = partnerId.toString();
      k.name = name.strip();
      k.prefix = secret.substring(0, 12);
      k.secretHash = sha256(secret);
      k.createdAt = store.utcNow();
      em.persist(k);
      return new CreatedKey(UUID.fromString(k.id), k.name, k.prefix, secret);
    });
  }

  @Override
  public Optional<ApiPrincipal> authenticate(String bearerKey) {
    if (bearerKey == null || !bearerKey.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = sha256(bearerKey);
    return store.tx(em -> {
      List<PartnerKeyEntity> keys = em.createQuery(
              "select k from PartnerKeyEntity k where k.secretHash = :h and k.revokedAt is null", PartnerKeyEntity.class)
          .setParameter("h", hash).getResultList();
      if (keys.isEmpty()) {
        return Optional.empty();
      }
      PartnerEntity p = em.find(PartnerEntity.class, keys.get(0).partnerId);
      boolean active = "active".equals(p.status);
      return Optional.of(new PartnerPrincipal(UUID.fromString(p.id), keys.get(0).id, active,
          active ? null : "The partner account is " + p.status));
    });
  }

  /** Makes a tenant a client of the partner from today (its first commission year starts now). */
  public void assign(UUID partnerId, UUID tenantId, Accounts accounts) {
    store.tx(em -> {
      if (em.find(PartnerEntity.class, partnerId.toString()) == null) {
        throw ApiException.invalid("partnerId", "is not a partner: " + partnerId);
      }
      AccountEntity a = accounts.ensure(em, tenantId);
      if (partnerId.toString().equals(a.partnerId)) {
        return null;
      }
      a.partnerId = partnerId.toString();
      a.partnerSince = store.utcNow().toLocalDate();
      a.updatedAt = store.utcNow();
      return null;
    });
  }

  /** The partner's clients: tenant ids with the day they became clients. */
  public Map<UUID, LocalDate> clients(UUID partnerId) {
    return store.tx(em -> {
      Map<UUID, LocalDate> out = new LinkedHashMap<>();
      em.createQuery("select a from AccountEntity a where a.partnerId = :p order by a.partnerSince", AccountEntity.class)
          .setParameter("p", partnerId.toString()).getResultList()
          .forEach(a -> out.put(UUID.fromString(a.tenantId), a.partnerSince));
      return out;
    });
  }

  /**
   * Records the commission on a client's payment (or its reversal, with a negative base): the
   * rate is the first-year rate while the payment falls in the client's first year with the
   * partner; a reversal uses the rate of the payment it reverses.
   */
  void commission(EntityManager em, AccountEntity a, String paymentId, long baseMinor, String currency, String kind) {
    if (a == null || a.partnerId == null || baseMinor == 0) {
      return;
    }
    if (!em.createNativeQuery("select id from bill_commission where payment_id = ? and kind = ?")
        .setParameter(1, paymentId).setParameter(2, kind).getResultList().isEmpty()) {
      return;
    }
    PartnerEntity p = em.find(PartnerEntity.class, a.partnerId);
    LocalDateTime now = store.utcNow();
    int rate;
    if ("reversal".equals(kind)) {
      String original = paymentId.contains(":") ? paymentId.substring(0, paymentId.indexOf(':')) : paymentId;
      List<?> r = em.createNativeQuery("select rate_bp from bill_commission where payment_id = ? and kind = 'commission'")
          .setParameter(1, original).getResultList();
      if (r.isEmpty()) {
        return;
      }
      rate = ((Number) r.get(0)).intValue();
    } else {
      rate = Commissions.rateBp(a.partnerSince, now.toLocalDate(), p.firstYearBp, p.laterBp);
    }
    CommissionEntity c = new CommissionEntity();
    c.id = UUID.randomUUID().toString();
    c.partnerId = p.id;
    c.tenantId = a.tenantId;
    c.paymentId = paymentId;
    c.kind = kind;
    c.baseMinor = baseMinor;
    c.rateBp = rate;
    c.amountMinor = Commissions.amount(baseMinor, rate);
    c.currency = currency;
    c.at = now;
    c.period = YearMonth.from(now).toString();
    em.persist(c);
  }

  public Statement statement(UUID partnerId, YearMonth period) {
    return store.tx(em -> {
      if (em.find(PartnerEntity.class, partnerId.toString()) == null) {
        throw ApiException.notFound("No partner " + partnerId);
      }
      List<Commission> lines = new ArrayList<>();
      Map<String, Long> totals = new LinkedHashMap<>();
      for (CommissionEntity c : em.createQuery(
              "select c from CommissionEntity c where c.partnerId = :p and c.period = :m order by c.at, c.id",
              CommissionEntity.class)
          .setParameter("p", partnerId.toString()).setParameter("m", period.toString()).getResultList()) {
        lines.add(new Commission(UUID.fromString(c.id), UUID.fromString(c.tenantId), c.paymentId, c.kind, c.baseMinor,
            c.rateBp, c.amountMinor, c.currency, BillingStore.instant(c.at)));
        totals.merge(c.currency, c.amountMinor, Math::addExact);
      }
      return new Statement(partnerId, period.toString(), lines, totals);
    });
  }

  static Partner dto(PartnerEntity p) {
    return new Partner(UUID.fromString(p.id), p.name, p.email, p.status, p.issuerId, p.firstYearBp, p.laterBp,
        BillingStore.instant(p.createdAt));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
