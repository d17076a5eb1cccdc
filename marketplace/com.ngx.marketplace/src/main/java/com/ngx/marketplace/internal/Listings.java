package com.ngx.marketplace.internal;

import com.ngx.api.plugin.PluginCategory;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Listings (an add-on as its publisher describes and prices it) and their uploaded versions. */
@Component(service = Listings.class)
public final class Listings {
  static final Pattern PLUGIN_ID = Pattern.compile("^[a-z][a-z0-9-]{2,39}$");
  static final Pattern URL = Pattern.compile("^https?://[^\\s]{1,990}$");

  /** Version states. */
  public static final String CERTIFYING = "certifying";
  public static final String CERTIFIED = "certified";
  public static final String REJECTED = "rejected";
  public static final String PUBLISHED = "published";

  /** A listing. */
  public record Listing(
      UUID id,
      UUID publisherId,
      String pluginId,
      String name,
      String summary,
      String description,
      String category,
      String iconUrl,
      List<String> screenshots,
      Pricing pricing,
      Integer publisherShareBasisPoints,
      Instant createdAt,
      Instant updatedAt) {}

  /** What a publisher sends to create or change a listing (nulls: unchanged, or defaults). */
  public record ListingInput(
      String pluginId,
      String name,
      String summary,
      String description,
      String category,
      String iconUrl,
      List<String> screenshots,
      Pricing pricing) {}

  /** A version of a listing. */
  public record ListingVersion(
      UUID id,
      UUID listingId,
      String version,
      String status,
      String symbolicName,
      String apiRange,
      String sha256,
      long size,
      String changelog,
      String report,
      Instant submittedAt,
      Instant certifiedAt,
      Instant publishedAt) {}

  private final Store store;

  @Activate
  public Listings(@Reference Store store) {
    this.store = store;
  }

  public Listing create(UUID publisherId, ListingInput in, Validator v) {
    v.requireText("pluginId", in.pluginId(), 40);
    if (!v.hasError("pluginId")) {
      v.require("pluginId", PLUGIN_ID.matcher(in.pluginId()).matches(),
          "must be 3-40 lowercase letters, digits and hyphens, starting with a letter");
    }
    v.requireText("name", in.name(), 100);
    v.requireText("summary", in.summary(), 300);
    if (in.pricing() == null && !v.hasError("pricing") && !v.hasError("pricing.model") && !hasPricingError(v)) {
      v.error("pricing", "is required");
    }
    validateCommon(in, v, true);
    v.throwIfInvalid();
    return store.shared(
        em -> {
          if (!em.createNamedQuery("Listing.byPlugin", ListingEntity.class)
              .setParameter("plugin", in.pluginId())
              .getResultList()
              .isEmpty()) {
            throw ApiException.conflict("pluginId", "is taken by another listing");
          }
          ListingEntity l = new ListingEntity();
          l.id = UUID.randomUUID().toString();
          l.publisherId = publisherId.toString();
          l.pluginId = in.pluginId();
          l.createdAt = store.utcNow();
          apply(l, in);
          em.persist(l);
          return dto(l);
        });
  }

  public Listing update(UUID listingId, ListingInput in, Validator v) {
    if (in.name() != null) {
      v.requireText("name", in.name(), 100);
    }
    if (in.summary() != null) {
      v.requireText("summary", in.summary(), 300);
    }
    v.require("pluginId", in.pluginId() == null, "cannot be changed");
    validateCommon(in, v, false);
    v.throwIfInvalid();
    return store.shared(
        em -> {
          ListingEntity l = find(em, listingId);
          apply(l, in);
          return dto(l);
        });
  }

  /** Sets the publisher's share for one listing (operators); null restores the platform default. */
  public Listing setPublisherShare(UUID listingId, Integer basisPoints) {
    if (basisPoints != null && (basisPoints < 0 || basisPoints > 10_000)) {
      throw ApiException.invalid("publisherShareBasisPoints", "must be between 0 and 10000");
    }
    return store.shared(
        em -> {
          ListingEntity l = find(em, listingId);
          l.publisherShareBp = basisPoints;
          l.updatedAt = store.utcNow();
          return dto(l);
        });
  }

  public Optional<Listing> get(UUID id) {
    return store.shared(em -> Optional.ofNullable(em.find(ListingEntity.class, id.toString())).map(Listings::dto));
  }

  public Listing require(UUID id) {
    return get(id).orElseThrow(() -> ApiException.notFound("No listing " + id));
  }

  public Optional<Listing> byPlugin(String pluginId) {
    return store.shared(
        em -> em.createNamedQuery("Listing.byPlugin", ListingEntity.class)
            .setParameter("plugin", pluginId)
            .getResultList()
            .stream()
            .findFirst()
            .map(Listings::dto));
  }

  public List<Listing> byPublisher(UUID publisherId) {
    return store.shared(
        em -> em.createNamedQuery("Listing.byPublisher", ListingEntity.class)
            .setParameter("publisher", publisherId.toString())
            .getResultList()
            .stream()
            .map(Listings::dto)
            .toList());
  }

  /**
   * Stores an uploaded artifact and a new version in state {@code certifying}, in one transaction.
   * The version number is the bundle's {@code Bundle-Version}.
   */
  public ListingVersion submit(UUID listingId, byte[] artifact, String changelog, long maxBytes) {
    if (artifact == null || artifact.length == 0) {
      throw ApiException.invalid("body", "must be the plugin's jar (Content-Type: application/java-archive)");
    }
    if (artifact.length > maxBytes) {
      throw new ApiException(413, "Payload too large", "The artifact exceeds " + maxBytes + " bytes", List.of());
    }
    if (changelog != null && changelog.length() > 20_000) {
      throw ApiException.invalid("changelog", "must be at most 20000 characters");
    }
    String version = bundleVersion(artifact);
    String sha = Publishers.sha256(artifact);
    return store.shared(
        em -> {
          find(em, listingId);
          boolean exists =
              !em.createQuery(
                      "select v.id from VersionEntity v where v.listingId = :l and v.version = :v", String.class)
                  .setParameter("l", listingId.toString())
                  .setParameter("v", version)
                  .getResultList()
                  .isEmpty();
          if (exists) {
            throw ApiException.conflict("body", "version " + version + " was uploaded already; raise Bundle-Version");
          }
          if (em.find(ArtifactEntity.class, sha) == null) {
            ArtifactEntity a = new ArtifactEntity();
            a.sha256 = sha;
            a.size = artifact.length;
            a.content = artifact;
            a.createdAt = store.utcNow();
            em.persist(a);
          }
          VersionEntity v = new VersionEntity();
          v.id = UUID.randomUUID().toString();
          v.listingId = listingId.toString();
          v.version = version;
          v.sortKey = Versions.sortKey(version);
          v.status = CERTIFYING;
          v.artifactSha256 = sha;
          v.changelog = changelog;
          v.submittedAt = store.utcNow();
          em.persist(v);
          return dto(v, artifact.length);
        });
  }

  public Optional<ListingVersion> version(UUID listingId, String version) {
    return store.shared(
        em -> em.createQuery(
                "select v from VersionEntity v where v.listingId = :l and v.version = :v", VersionEntity.class)
            .setParameter("l", listingId.toString())
            .setParameter("v", version)
            .getResultList()
            .stream()
            .findFirst()
            .map(v -> dto(v, size(em, v))));
  }

  public Optional<ListingVersion> versionById(UUID versionId) {
    return store.shared(
        em -> Optional.ofNullable(em.find(VersionEntity.class, versionId.toString())).map(v -> dto(v, size(em, v))));
  }

  /** Newest first. */
  public List<ListingVersion> versions(UUID listingId) {
    return store.shared(
        em -> em.createNamedQuery("Version.byListing", VersionEntity.class)
            .setParameter("listing", listingId.toString())
            .getResultList()
            .stream()
            .map(v -> dto(v, size(em, v)))
            .toList());
  }

  /** Versions whose certification was interrupted (a restart) and must run again. */
  public List<UUID> unfinishedCertifications() {
    return store.shared(
        em -> em.createNamedQuery("Version.byStatus", VersionEntity.class)
            .setParameter("statuses", List.of(CERTIFYING))
            .getResultList()
            .stream()
            .map(v -> UUID.fromString(v.id))
            .toList());
  }

  public byte[] artifact(String sha256) {
    return store.shared(
        em -> {
          ArtifactEntity a = em.find(ArtifactEntity.class, sha256);
          if (a == null) {
            throw new IllegalStateException("The artifact " + sha256 + " is missing from the database");
          }
          return a.content;
        });
  }

  /** Records the outcome of certification; published at once when {@code publish}. */
  public ListingVersion finishCertification(
      UUID versionId, boolean passed, String symbolicName, String apiRange, String reportJson, boolean publish) {
    return store.shared(
        em -> {
          VersionEntity v = em.find(VersionEntity.class, versionId.toString());
          if (!CERTIFYING.equals(v.status)) {
            // certified already (by another run after a restart or reconfiguration): keep that result
            return dto(v, size(em, v));
          }
          v.status = passed ? (publish ? PUBLISHED : CERTIFIED) : REJECTED;
          v.symbolicName = symbolicName;
          v.apiRange = apiRange;
          v.report = reportJson;
          v.certifiedAt = store.utcNow();
          if (passed && publish) {
            v.publishedAt = v.certifiedAt;
          }
          return dto(v, size(em, v));
        });
  }

  /** An operator publishes a certified version, or takes a published one back to certified. */
  public ListingVersion setPublished(UUID listingId, String version, boolean published) {
    return store.shared(
        em -> {
          VersionEntity v =
              em.createQuery(
                      "select v from VersionEntity v where v.listingId = :l and v.version = :v", VersionEntity.class)
                  .setParameter("l", listingId.toString())
                  .setParameter("v", version)
                  .getResultList()
                  .stream()
                  .findFirst()
                  .orElseThrow(() -> ApiException.notFound("No version " + version));
          if (published && !CERTIFIED.equals(v.status) && !PUBLISHED.equals(v.status)) {
            throw ApiException.conflict("Only a certified version can be published; this one is " + v.status);
          }
          if (!published && !PUBLISHED.equals(v.status)) {
            throw ApiException.conflict("The version is not published");
          }
          v.status = published ? PUBLISHED : CERTIFIED;
          v.publishedAt = published ? store.utcNow() : null;
          return dto(v, size(em, v));
        });
  }

  /**
   * Reads Bundle-Version from the jar's manifest (for a KAR: from its plugin bundle); a 400 naming
   * the body when it cannot.
   */
  static String bundleVersion(byte[] artifact) {
    if (Kar.isKar(artifact)) {
      try {
        return bundleVersion(Kar.plugin(Kar.bundles(artifact)).bytes());
      } catch (IOException e) {
        throw ApiException.invalid("body", "is not a usable KAR: " + e.getMessage());
      }
    }
    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(artifact), false)) {
      Manifest m = jar.getManifest();
      if (m == null) {
        throw ApiException.invalid("body", "is not a jar with a META-INF/MANIFEST.MF");
      }
      String version = m.getMainAttributes().getValue("Bundle-Version");
      if (version == null || version.isBlank()) {
        throw ApiException.invalid("body", "the manifest has no Bundle-Version");
      }
      try {
        return Version.parseVersion(version.strip()).toString();
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("body", "Bundle-Version '" + version + "' is not an OSGi version");
      }
    } catch (IOException | SecurityException e) {
      throw ApiException.invalid("body", "is not a readable jar: " + e.getMessage());
    }
  }

  private static boolean hasPricingError(Validator v) {
    return v.hasError("pricing.price") || v.hasError("pricing.currency") || v.hasError("pricing.unit")
        || v.hasError("pricing.trialDays");
  }

  private static void validateCommon(ListingInput in, Validator v, boolean creating) {
    if (in.category() != null || creating) {
      v.require("category", in.category() != null && PluginCategory.of(in.category()) != null,
          "must be one of vertical-template, integration, channel, module");
    }
    if (in.description() != null) {
      v.require("description", in.description().length() <= 20_000, "must be at most 20000 characters");
    }
    if (in.iconUrl() != null) {
      v.require("iconUrl", URL.matcher(in.iconUrl()).matches(), "must be an http(s) URL");
    }
    if (in.screenshots() != null) {
      v.require("screenshots", in.screenshots().size() <= 10, "at most 10");
      for (int i = 0; i < in.screenshots().size(); i++) {
        String s = in.screenshots().get(i);
        v.require("screenshots[" + i + "]", s != null && URL.matcher(s).matches(), "must be an http(s) URL");
      }
    }
  }

  private void apply(ListingEntity l, ListingInput in) {
    if (in.name() != null) {
      l.name = in.name().strip();
    }
    if (in.summary() != null) {
      l.summary = in.summary().strip();
    }
    if (in.description() != null) {
      l.description = in.description();
    }
    if (in.category() != null) {
      l.category = in.category();
    }
    if (in.iconUrl() != null) {
      l.iconUrl = in.iconUrl();
    }
    if (in.screenshots() != null) {
      l.screenshots = Json.write(in.screenshots());
    }
    if (in.pricing() != null) {
      Pricing p = in.pricing();
      l.pricingModel = p.model();
      l.priceMinor = p.amountMinor();
      l.currency = p.currency();
      l.usageUnit = p.unit();
      l.trialDays = p.trialDays();
    }
    l.updatedAt = store.utcNow();
  }

  private static ListingEntity find(EntityManager em, UUID id) {
    ListingEntity l = em.find(ListingEntity.class, id.toString());
    if (l == null) {
      throw ApiException.notFound("No listing " + id);
    }
    return l;
  }

  private static long size(EntityManager em, VersionEntity v) {
    return em.createQuery("select a.size from ArtifactEntity a where a.sha256 = :s", Long.class)
        .setParameter("s", v.artifactSha256)
        .getSingleResult();
  }

  static Listing dto(ListingEntity l) {
    List<String> shots = l.screenshots == null ? List.of() : Json.readStrings(l.screenshots);
    return new Listing(
        UUID.fromString(l.id),
        UUID.fromString(l.publisherId),
        l.pluginId,
        l.name,
        l.summary,
        l.description,
        l.category,
        l.iconUrl,
        new ArrayList<>(shots),
        new Pricing(l.pricingModel, l.priceMinor, l.currency, l.usageUnit, l.trialDays),
        l.publisherShareBp,
        Store.instant(l.createdAt),
        Store.instant(l.updatedAt));
  }

  static ListingVersion dto(VersionEntity v, long size) {
    return new ListingVersion(
        UUID.fromString(v.id),
        UUID.fromString(v.listingId),
        v.version,
        v.status,
        v.symbolicName,
        v.apiRange,
        v.artifactSha256,
        size,
        v.changelog,
        v.report,
        Store.instant(v.submittedAt),
        Store.instant(v.certifiedAt),
        Store.instant(v.publishedAt));
  }
}
