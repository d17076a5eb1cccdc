package com.ngx.marketplace.internal;

import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The catalog tenants browse: published listings, their page data, ratings, reviews and install counts. */
@Component(service = Catalog.class)
public final class Catalog {

  /** A catalog entry. */
  public record Item(
      UUID id,
      String pluginId,
      String name,
      String summary,
      String category,
      String publisher,
      String iconUrl,
      Pricing pricing,
      String latestVersion,
      String apiRange,
      double rating,
      long reviews,
      long installs) {}

  /** A listing's page. */
  public record PageData(
      Item item,
      String description,
      List<String> screenshots,
      List<VersionInfo> versions,
      List<Review> recentReviews) {}

  /** A published version on a listing's page. */
  public record VersionInfo(String version, String changelog, String apiRange, Instant publishedAt) {}

  /** A tenant's review (tenants are not named). */
  public record Review(UUID id, int rating, String title, String body, Instant updatedAt) {}

  /** A page of the catalog. */
  public record Results(List<Item> items, int offset, int limit, long total) {}

  private final Store store;

  @Activate
  public Catalog(@Reference Store store) {
    this.store = store;
  }

  /**
   * Published listings matching every given filter.
   *
   * @param q words that must all appear in the name, summary or description
   * @param price {@code free} or {@code paid}
   * @param maxPriceMinor the highest price, in minor units
   */
  public Results search(String q, String category, String price, Long maxPriceMinor, int offset, int limit) {
    List<Item> all = store.shared(em -> {
      List<Item> out = new ArrayList<>();
      List<ListingEntity> rows =
          em.createQuery(
                  "select l from ListingEntity l where exists (select v.id from VersionEntity v"
                      + " where v.listingId = l.id and v.status = 'published') order by l.name, l.id",
                  ListingEntity.class)
              .getResultList();
      String[] words = q == null || q.isBlank() ? new String[0] : q.toLowerCase(Locale.ROOT).strip().split("\\s+");
      for (ListingEntity l : rows) {
        String text = (l.name + " " + l.summary + " " + (l.description == null ? "" : l.description) + " " + l.pluginId)
            .toLowerCase(Locale.ROOT);
        boolean match = true;
        for (String w : words) {
          match &= text.contains(w);
        }
        if (category != null && !category.isBlank()) {
          match &= category.equals(l.category);
        }
        if ("free".equals(price)) {
          match &= Pricing.FREE.equals(l.pricingModel);
        } else if ("paid".equals(price)) {
          match &= !Pricing.FREE.equals(l.pricingModel);
        }
        if (maxPriceMinor != null) {
          match &= l.priceMinor <= maxPriceMinor;
        }
        if (match) {
          out.add(item(em, l));
        }
      }
      return out;
    });
    int from = Math.min(offset, all.size());
    int to = Math.min(from + limit, all.size());
    return new Results(all.subList(from, to), offset, limit, all.size());
  }

  public PageData page(UUID listingId) {
    return store.shared(
        em -> {
          ListingEntity l = em.find(ListingEntity.class, listingId.toString());
          if (l == null) {
            throw ApiException.notFound("No listing " + listingId);
          }
          List<VersionInfo> versions = new ArrayList<>();
          for (VersionEntity v :
              em.createNamedQuery("Version.byListing", VersionEntity.class)
                  .setParameter("listing", l.id)
                  .getResultList()) {
            if (Listings.PUBLISHED.equals(v.status)) {
              versions.add(new VersionInfo(v.version, v.changelog, v.apiRange, Store.instant(v.publishedAt)));
            }
          }
          if (versions.isEmpty()) {
            throw ApiException.notFound("No listing " + listingId);
          }
          List<Review> reviews =
              em.createNamedQuery("Review.byListing", ReviewEntity.class)
                  .setParameter("listing", l.id)
                  .setMaxResults(20)
                  .getResultList()
                  .stream()
                  .map(r -> new Review(UUID.fromString(r.id), r.rating, r.title, r.body, Store.instant(r.updatedAt)))
                  .toList();
          return new PageData(
              item(em, l),
              l.description,
              l.screenshots == null ? List.of() : Json.readStrings(l.screenshots),
              versions,
              reviews);
        });
  }

  /** A tenant rates a listing it has installed (now or before); one review per tenant, replaced on resubmission. */
  public Review review(TenantContext tenant, UUID listingId, Integer rating, String title, String body) {
    Validator v = new Validator();
    v.require("rating", rating != null && rating >= 1 && rating <= 5, "must be 1 to 5");
    if (title != null) {
      v.require("title", title.length() <= 200, "must be at most 200 characters");
    }
    if (body != null) {
      v.require("body", body.length() <= 5000, "must be at most 5000 characters");
    }
    v.throwIfInvalid();
    return store.shared(
        em -> {
          if (em.find(ListingEntity.class, listingId.toString()) == null) {
            throw ApiException.notFound("No listing " + listingId);
          }
          boolean installed =
              !em.createNamedQuery("Installation.byTenantAndListing", InstallationEntity.class)
                  .setParameter("tenant", tenant.id().toString())
                  .setParameter("listing", listingId.toString())
                  .getResultList()
                  .isEmpty();
          if (!installed) {
            throw ApiException.forbidden("Only tenants who have installed this add-on may review it");
          }
          ReviewEntity r =
              em.createNamedQuery("Review.byListingAndTenant", ReviewEntity.class)
                  .setParameter("listing", listingId.toString())
                  .setParameter("tenant", tenant.id().toString())
                  .getResultList()
                  .stream()
                  .findFirst()
                  .orElse(null);
          if (r == null) {
            r = new ReviewEntity();
            r.id = UUID.randomUUID().toString();
            r.listingId = listingId.toString();
            r.tenantId = tenant.id().toString();
            r.createdAt = store.utcNow();
            em.persist(r);
          }
          r.rating = rating;
          r.title = title;
          r.body = body;
          r.updatedAt = store.utcNow();
          return new Review(UUID.fromString(r.id), r.rating, r.title, r.body, Store.instant(r.updatedAt));
        });
  }

  private static Item item(EntityManager em, ListingEntity l) {
    VersionEntity latest =
        em.createNamedQuery("Version.byListing", VersionEntity.class)
            .setParameter("listing", l.id)
            .getResultList()
            .stream()
            .filter(v -> Listings.PUBLISHED.equals(v.status))
            .findFirst()
            .orElse(null);
    Object[] stats =
        em.createQuery("select count(r), avg(r.rating) from ReviewEntity r where r.listingId = :l", Object[].class)
            .setParameter("l", l.id)
            .getSingleResult();
    long installs =
        em.createQuery(
                "select count(i) from InstallationEntity i where i.listingId = :l and i.status <> 'uninstalled'",
                Long.class)
            .setParameter("l", l.id)
            .getSingleResult();
    String publisher =
        em.createQuery("select p.name from PublisherEntity p where p.id = :p", String.class)
            .setParameter("p", l.publisherId)
            .getResultList()
            .stream()
            .findFirst()
            .orElse(null);
    double rating = stats[1] == null ? 0 : Math.round(((Number) stats[1]).doubleValue() * 10) / 10.0;
    return new Item(
        UUID.fromString(l.id),
        l.pluginId,
        l.name,
        l.summary,
        l.category,
        publisher,
        l.iconUrl,
        new Pricing(l.pricingModel, l.priceMinor, l.currency, l.usageUnit, l.trialDays),
        latest == null ? null : latest.version,
        latest == null ? null : latest.apiRange,
        rating,
        ((Number) stats[0]).longValue(),
        installs);
  }
}
