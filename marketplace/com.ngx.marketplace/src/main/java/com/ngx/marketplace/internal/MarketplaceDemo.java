package com.ngx.marketplace.internal;

import com.ngx.api.tenant.TenantContext;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for the marketplace (with {@code NGX_DEMO=true}): the first-party add-ons shipped in
 * {@code demo/marketplace/} are published by an "NGX Labs" publisher through the whole pipeline
 * (signature, certification, trial install), and the pricing calculator is installed for the demo
 * tenant. Runs once: nothing happens if the listing exists.
 */
@Component(configurationPid = "com.ngx.demo", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class MarketplaceDemo {
  private static final Logger LOG = LoggerFactory.getLogger(MarketplaceDemo.class);

  /** The demo settings this component reads (PID {@code com.ngx.demo}, shared with the tenant bundle). */
  @ObjectClassDefinition(name = "NGX demo data (marketplace)")
  public @interface Config {
    @AttributeDefinition boolean enabled() default false;

    @AttributeDefinition String tenantSlug() default "demo";

    @AttributeDefinition(description = "Folder (relative to karaf.home) with the demo add-ons and their certificate")
    String marketplaceFolder() default "demo/marketplace";
  }

  private record Addon(String pluginId, String jarPrefix, String name, String summary, String category,
      String pricingModel, String price, String unit, String description) {}

  private static final List<Addon> ADDONS =
      List.of(
          new Addon("pricing-calculator", "com.ngx.skill.pricing", "Pricing calculator",
              "Per-seat quotes with volume discounts, inside the conversation", "module", Pricing.FREE, null, null,
              "Gives agents a `quote` skill that prices seats with volume tiers and an annual discount, and a"
                  + " REST endpoint to quote and save quotes."),
          new Addon("webhook-lead-sink", "com.ngx.integration.webhook", "Signed webhook lead sink",
              "Send qualified leads to any URL, signed with HMAC-SHA256", "integration", Pricing.PER_USAGE, "0.05",
              "lead", "POSTs every qualified lead as JSON to your endpoint with an X-NGX-Signature header"
                  + " (HMAC-SHA256 over the timestamp and body) so you can verify it came from us."));

  @Activate
  public MarketplaceDemo(
      Config config,
      @Reference Publishers publishers,
      @Reference Listings listings,
      @Reference Certification certification,
      @Reference Installations installations,
      @Reference TenantService tenants) {
    if (!config.enabled()) {
      return;
    }
    Thread seed = new Thread(() -> seed(config, publishers, listings, certification, installations, tenants),
        "ngx-marketplace-demo");
    seed.setDaemon(true);
    seed.start();
  }

  private static void seed(Config config, Publishers publishers, Listings listings, Certification certification,
      Installations installations, TenantService tenants) {
    try {
      if (listings.byPlugin(ADDONS.get(0).pluginId()).isPresent()) {
        return;
      }
      Path folder = Paths.get(System.getProperty("karaf.home", "."), config.marketplaceFolder());
      Path pem = folder.resolve("ngx-labs.pem");
      if (!Files.exists(pem)) {
        LOG.info("No demo add-ons in {}; skipping the marketplace demo", folder);
        return;
      }
      Publishers.Created labs = publishers.create("NGX Labs", "labs@ngx.example", true);
      UUID publisher = labs.publisher().id();
      publishers.addCertificate(publisher, Files.readString(pem));
      UUID first = null;
      for (Addon a : ADDONS) {
        Path jar;
        try (var files = Files.list(folder)) {
          jar = files.filter(f -> f.getFileName().toString().startsWith(a.jarPrefix() + "-")).findFirst().orElse(null);
        }
        if (jar == null) {
          LOG.warn("Demo add-on {} missing from {}", a.jarPrefix(), folder);
          continue;
        }
        Pricing pricing = new Pricing(a.pricingModel(), a.price() == null ? 0 : new java.math.BigDecimal(a.price())
            .movePointRight(2).longValueExact(), "USD", a.unit(), 0);
        Listings.Listing listing =
            listings.create(publisher, new Listings.ListingInput(a.pluginId(), a.name(), a.summary(), a.description(),
                a.category(), null, List.of(), pricing), new com.ngx.rest.Validator());
        Listings.ListingVersion v =
            listings.submit(listing.id(), Files.readAllBytes(jar), "First release", Long.MAX_VALUE);
        certification.enqueue(v.id());
        if (first == null) {
          first = listing.id();
        }
      }
      if (first == null) {
        return;
      }
      UUID listingId = first;
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (System.nanoTime() < deadline) {
        String status = listings.versions(listingId).get(0).status();
        if (!Listings.CERTIFYING.equals(status)) {
          if (!Listings.PUBLISHED.equals(status)) {
            LOG.error("The demo add-on was not published ({}): see its certification report", status);
            return;
          }
          break;
        }
        Thread.sleep(200);
      }
      Tenant demo = tenants.findBySlug(config.tenantSlug()).orElse(null);
      if (demo == null) {
        return;
      }
      installations.install(new TenantContext(demo.id(), demo.slug()), listingId, null, Map.of());
      LOG.info("Marketplace demo: NGX Labs add-ons published; pricing-calculator installed for tenant {}",
          demo.slug());
    } catch (IOException | RuntimeException e) {
      LOG.error("Seeding the marketplace demo failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
