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
 * (signature, certification, trial install); the pricing calculator and the five vertical templates
 * are installed for the demo tenant. Runs once: nothing happens if the listing exists.
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
      String pricingModel, String price, String unit, String description, boolean install) {}

  private static Addon vertical(String id, String name, String summary) {
    return new Addon("vertical-" + id, "com.ngx.vertical." + id, name, summary, "vertical-template", Pricing.FREE, null,
        null, summary + " Flows, response templates, an objection library of 25+ objections, a playbook, compliance"
            + " rules, an ROI model and success metrics, in English and Spanish.", true);
  }

  private static final List<Addon> ADDONS =
      List.of(
          new Addon("pricing-calculator", "com.ngx.skill.pricing", "Pricing calculator",
              "Per-seat quotes with volume discounts, inside the conversation", "module", Pricing.FREE, null, null,
              "Gives agents a `quote` skill that prices seats with volume tiers and an annual discount, and a"
                  + " REST endpoint to quote and save quotes.", true),
          new Addon("webhook-lead-sink", "com.ngx.integration.webhook", "Signed webhook lead sink",
              "Send qualified leads to any URL, signed with HMAC-SHA256", "integration", Pricing.PER_USAGE, "0.05",
              "lead", "POSTs every qualified lead as JSON to your endpoint with an X-NGX-Signature header"
                  + " (HMAC-SHA256 over the timestamp and body) so you can verify it came from us.", false),
          new Addon("llm-openai", "com.ngx.llm.openai", "OpenAI-compatible language model",
              "Let agents phrase knowledge answers with OpenAI, Ollama or any compatible server", "integration",
              Pricing.FREE, null, null, "Optional: agents answer from their knowledge base without it; with it, a"
                  + " model you choose phrases those answers, grounded in the retrieved passages only.", false),
          vertical("fitness", "Fitness & wellness", "Turns gym and studio visitors into trial members."),
          vertical("professional", "Professional services", "Books consultations for law, accounting and consulting firms."),
          vertical("saas", "SaaS B2B", "Qualifies B2B software prospects and starts trials."),
          vertical("realestate", "Real estate", "Qualifies buyers and renters and books viewings, in fair-housing wording."),
          vertical("healthcare", "Healthcare", "Books appointments for private clinics, with no medical advice."));

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
      List<UUID> toInstall = new java.util.ArrayList<>();
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
        if (a.install()) {
          toInstall.add(listing.id());
        }
      }
      Tenant demo = tenants.findBySlug(config.tenantSlug()).orElse(null);
      for (UUID listingId : toInstall) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        String status = Listings.CERTIFYING;
        while (System.nanoTime() < deadline && Listings.CERTIFYING.equals(status)) {
          status = listings.versions(listingId).get(0).status();
          if (Listings.CERTIFYING.equals(status)) {
            Thread.sleep(200);
          }
        }
        if (!Listings.PUBLISHED.equals(status)) {
          LOG.error("A demo add-on was not published ({}): see its certification report", status);
          continue;
        }
        if (demo != null) {
          installations.install(new TenantContext(demo.id(), demo.slug()), listingId, null, Map.of());
        }
      }
      LOG.info("Marketplace demo: NGX Labs add-ons published; the pricing calculator and the vertical templates"
          + " installed for tenant {}", config.tenantSlug());
    } catch (IOException | RuntimeException e) {
      LOG.error("Seeding the marketplace demo failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
