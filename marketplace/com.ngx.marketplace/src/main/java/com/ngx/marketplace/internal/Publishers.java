package com.ngx.marketplace.internal;

import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Authenticator;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Publisher accounts, their API keys ({@code ngx_p_…}, stored as SHA-256) and their registered
 * signing certificates; authenticates publisher keys for the REST API.
 */
@Component(service = {Publishers.class, Authenticator.class})
public final class Publishers implements Authenticator {
  static final String PREFIX = "ngx_p_";
  static final String PENDING = "pending";
  static final String ACTIVE = "active";
  static final String SUSPENDED = "suspended";
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A publisher account. */
  public record Publisher(UUID id, String name, String email, String status, Instant createdAt) {}

  /** A new publisher (or key) with the key's secret, shown once. */
  public record Created(Publisher publisher, String apiKey) {}

  /** A registered signing certificate. */
  public record Certificate(UUID id, String fingerprint, String subject, Instant notAfter, Instant createdAt) {}

  private final Store store;

  @Activate
  public Publishers(@Reference Store store) {
    this.store = store;
  }

  /** Creates a publisher: active when an operator creates it, pending approval when it signs up. */
  public Created create(String name, String email, boolean approved) {
    String n = name == null ? null : name.strip();
    String e = email == null ? null : email.strip();
    Validator v = new Validator();
    v.requireText("name", n, 100);
    v.requireText("email", e, 254);
    if (!v.hasError("email")) {
      v.require("email", EMAIL.matcher(e).matches(), "must be an email address");
    }
    v.throwIfInvalid();
    return store.shared(
        em -> {
          boolean taken =
              !em.createQuery("select p.id from PublisherEntity p where p.name = :n", String.class)
                  .setParameter("n", n)
                  .getResultList()
                  .isEmpty();
          if (taken) {
            throw ApiException.conflict("name", "a publisher with this name exists");
          }
          PublisherEntity p = new PublisherEntity();
          p.id = UUID.randomUUID().toString();
          p.name = n;
          p.email = e;
          p.status = approved ? ACTIVE : PENDING;
          p.createdAt = store.utcNow();
          p.updatedAt = p.createdAt;
          em.persist(p);
          String secret = newKey(em, p.id, "default");
          return new Created(dto(p), secret);
        });
  }

  public Optional<Publisher> get(UUID id) {
    return store.shared(em -> Optional.ofNullable(em.find(PublisherEntity.class, id.toString())).map(Publishers::dto));
  }

  public Publisher require(UUID id) {
    return get(id).orElseThrow(() -> ApiException.notFound("No publisher " + id));
  }

  public List<Publisher> list(int offset, int limit) {
    return store.shared(
        em -> em.createNamedQuery("Publisher.all", PublisherEntity.class)
            .setFirstResult(offset)
            .setMaxResults(limit)
            .getResultList()
            .stream()
            .map(Publishers::dto)
            .toList());
  }

  public long count() {
    return store.shared(em -> em.createNamedQuery("Publisher.count", Long.class).getSingleResult());
  }

  /** Sets the status: {@code active} (approve, reinstate) or {@code suspended}. */
  public Publisher setStatus(UUID id, String status) {
    return store.shared(
        em -> {
          PublisherEntity p = em.find(PublisherEntity.class, id.toString());
          if (p == null) {
            throw ApiException.notFound("No publisher " + id);
          }
          p.status = status;
          p.updatedAt = store.utcNow();
          return dto(p);
        });
  }

  /** A further API key for the publisher. */
  public String createKey(UUID publisherId, String name) {
    String n = name == null || name.isBlank() ? "key" : name.strip();
    new Validator().requireText("name", n, 100).throwIfInvalid();
    return store.shared(
        em -> {
          if (em.find(PublisherEntity.class, publisherId.toString()) == null) {
            throw ApiException.notFound("No publisher " + publisherId);
          }
          return newKey(em, publisherId.toString(), n);
        });
  }

  /** Registers a PEM X.509 certificate with which the publisher signs its jars. */
  public Certificate addCertificate(UUID publisherId, String pem) {
    X509Certificate cert = parseCertificate(pem);
    String fingerprint = fingerprint(cert);
    return store.shared(
        em -> {
          if (em.find(PublisherEntity.class, publisherId.toString()) == null) {
            throw ApiException.notFound("No publisher " + publisherId);
          }
          for (CertificateEntity existing : certificates(em, publisherId)) {
            if (existing.fingerprint.equals(fingerprint)) {
              throw ApiException.conflict("body", "this certificate is registered already");
            }
          }
          CertificateEntity c = new CertificateEntity();
          c.id = UUID.randomUUID().toString();
          c.publisherId = publisherId.toString();
          c.fingerprint = fingerprint;
          c.subject = truncate(cert.getSubjectX500Principal().getName(), 1000);
          c.notAfter = LocalDateTime.ofInstant(cert.getNotAfter().toInstant(), ZoneOffset.UTC);
          c.pem = pem.strip();
          c.createdAt = store.utcNow();
          em.persist(c);
          return dto(c);
        });
  }

  public List<Certificate> certificates(UUID publisherId) {
    return store.shared(em -> certificates(em, publisherId).stream().map(Publishers::dto).toList());
  }

  /** Revokes a certificate: versions signed with it can no longer be certified. */
  public void revokeCertificate(UUID publisherId, UUID certificateId) {
    store.shared(
        em -> {
          CertificateEntity c = em.find(CertificateEntity.class, certificateId.toString());
          if (c == null || !c.publisherId.equals(publisherId.toString()) || c.revokedAt != null) {
            throw ApiException.notFound("No certificate " + certificateId);
          }
          c.revokedAt = store.utcNow();
          return null;
        });
  }

  /** The publisher's live certificates, parsed. */
  public List<X509Certificate> trustedCertificates(UUID publisherId) {
    return store.shared(
        em -> certificates(em, publisherId).stream().map(c -> parseCertificate(c.pem)).toList());
  }

  @Override
  public Optional<ApiPrincipal> authenticate(String bearerKey) {
    if (bearerKey == null || !bearerKey.startsWith(PREFIX) || bearerKey.length() > 200) {
      return Optional.empty();
    }
    String hash = sha256(bearerKey.getBytes(StandardCharsets.UTF_8));
    return store.shared(
        em -> em.createNamedQuery("PublisherKey.byHash", Object[].class)
            .setParameter("hash", hash)
            .getResultList()
            .stream()
            .findFirst()
            .map(
                row -> {
                  PublisherKeyEntity k = (PublisherKeyEntity) row[0];
                  PublisherEntity p = (PublisherEntity) row[1];
                  boolean active = ACTIVE.equals(p.status);
                  String reason =
                      PENDING.equals(p.status)
                          ? "The publisher account awaits an operator's approval"
                          : "The publisher account is suspended";
                  return new PublisherPrincipal(UUID.fromString(p.id), k.id, active, active ? null : reason);
                }));
  }

  private static List<CertificateEntity> certificates(EntityManager em, UUID publisherId) {
    return em.createNamedQuery("Certificate.byPublisher", CertificateEntity.class)
        .setParameter("publisher", publisherId.toString())
        .getResultList();
  }

  private String newKey(EntityManager em, String publisherId, String name) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PublisherKeyEntity k = new PublisherKeyEntity();
    k.id = UUID.randomUUID().toString();
    k.publisherId = publisherId;
    k.name = name;
    k.prefix = secret.substring(0, 12);
    k.secretHash = sha256(secret.getBytes(StandardCharsets.UTF_8));
    k.createdAt = store.utcNow();
    em.persist(k);
    return secret;
  }

  /** Parses one PEM (or DER) X.509 certificate; a 400 naming the body when it is not one. */
  static X509Certificate parseCertificate(String pem) {
    if (pem == null || pem.isBlank()) {
      throw ApiException.invalid("body", "must be a PEM X.509 certificate");
    }
    try {
      Collection<? extends java.security.cert.Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> x509 = new ArrayList<>();
      for (java.security.cert.Certificate c : certs) {
        x509.add((X509Certificate) c);
      }
      if (x509.size() != 1) {
        throw ApiException.invalid("body", "must hold exactly one certificate, found " + x509.size());
      }
      return x509.get(0);
    } catch (CertificateException | ClassCastException e) {
      throw ApiException.invalid("body", "is not a PEM X.509 certificate: " + e.getMessage());
    }
  }

  static String fingerprint(X509Certificate cert) {
    try {
      return sha256(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static Publisher dto(PublisherEntity p) {
    return new Publisher(UUID.fromString(p.id), p.name, p.email, p.status, Store.instant(p.createdAt));
  }

  private static Certificate dto(CertificateEntity c) {
    return new Certificate(
        UUID.fromString(c.id), c.fingerprint, c.subject, Store.instant(c.notAfter), Store.instant(c.createdAt));
  }
}
