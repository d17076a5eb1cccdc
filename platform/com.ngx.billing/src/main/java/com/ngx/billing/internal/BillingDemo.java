package com.ngx.billing.internal;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.math.BigDecimal;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for billing (with {@code NGX_DEMO=true}): VAT rates of a few countries, and the demo
 * tenant as an enterprise customer in Spain (custom price, bank transfer) whose first invoice —
 * the rest of this month, prorated, with 21% VAT — is issued at once. Runs once per tenant.
 */
@Component(configurationPid = "com.ngx.demo", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class BillingDemo {
  private static final Logger LOG = LoggerFactory.getLogger(BillingDemo.class);

  /** The demo settings this component reads (PID {@code com.ngx.demo}, shared with the other bundles). */
  @ObjectClassDefinition(name = "NGX demo data (billing)")
  public @interface Config {
    @AttributeDefinition boolean enabled() default false;

    @AttributeDefinition String tenantSlug() default "demo";
  }

  private final Thread seed;

  @Activate
  public BillingDemo(Config config, @Reference TenantService tenants, @Reference BillingStore store,
      @Reference BillingOperations ops, @Reference Accounts accounts) {
    seed = new Thread(() -> seed(config, tenants, store, ops, accounts), "ngx-billing-demo");
    seed.setDaemon(true);
    if (config.enabled()) {
      seed.start();
    }
  }

  @Deactivate
  void deactivate() {
    seed.interrupt();
  }

  private static void seed(Config config, TenantService tenants, BillingStore store, BillingOperations ops,
      Accounts accounts) {
    try {
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (System.nanoTime() < deadline) {
        Tenant demo = tenants.findBySlug(config.tenantSlug()).orElse(null);
        if (demo != null && demo.status() == com.ngx.tenant.TenantStatus.ACTIVE) {
          create(demo.id(), store, ops, accounts);
          return;
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Seeding the billing demo failed", e);
    }
  }

  private static void create(UUID tenant, BillingStore store, BillingOperations ops, Accounts accounts) {
    boolean fresh = store.tx(em -> {
      AccountEntity a = accounts.ensure(em, tenant);
      if (a.country != null) {
        return false;
      }
      a.billingName = "Acme Cloud S.L.";
      a.email = "billing@acme-cloud.example";
      a.country = "ES";
      a.address = "Calle Mayor 1\n28013 Madrid";
      a.taxId = "ESB12345678";
      return true;
    });
    if (!fresh) {
      return;
    }
    String[][] rates = {{"ES", "IVA", "21"}, {"DE", "MwSt", "19"}, {"FR", "TVA", "20"}, {"GB", "VAT", "20"},
        {"NL", "BTW", "21"}, {"IT", "IVA", "22"}, {"PT", "IVA", "23"}, {"MX", "IVA", "16"}};
    for (String[] r : rates) {
      store.tx(em -> {
        if (em.find(TaxRateEntity.class, r[0]) == null) {
          TaxRateEntity t = new TaxRateEntity();
          t.country = r[0];
          t.name = r[1];
          t.ratePercent = new BigDecimal(r[2]).setScale(4);
          t.updatedAt = store.utcNow();
          em.persist(t);
        }
        return null;
      });
    }
    ops.override(tenant, Plans.JSON.createObjectNode().put("planId", "enterprise").put("price", "4990.00"));
    store.tx(em -> {
      SubscriptionEntity s = em.find(SubscriptionEntity.class, tenant.toString());
      s.trialEnd = store.utcNow();
      return null;
    });
    ops.run(1);
    LOG.info("Billing demo: tenant {} is an enterprise customer with its first invoice", tenant);
  }
}
