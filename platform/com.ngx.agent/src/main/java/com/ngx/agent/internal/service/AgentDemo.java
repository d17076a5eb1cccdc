package com.ngx.agent.internal.service;

import com.ngx.api.tenant.TenantContext;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.io.IOException;
import java.util.List;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * Demo data for agents (with {@code NGX_DEMO=true}): once the demo tenant has the SaaS B2B
 * template installed from the marketplace, an agent is created from it, published, and given a
 * chat widget under the well-known key {@value #DEMO_KEY} for the platform's own origin, whose demo
 * page is {@code /api/v1/widget/wk_demo/demo}. Runs once: nothing happens when the tenant has agents.
 */
@Component(configurationPid = "com.ngx.demo", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class AgentDemo {
  static final String DEMO_KEY = "wk_demo";
  static final String TEMPLATE = "saas";
  private static final Logger LOG = LoggerFactory.getLogger(AgentDemo.class);

  /** The demo settings this component reads (PID {@code com.ngx.demo}, shared with the other bundles). */
  @ObjectClassDefinition(name = "NGX demo data (agents)")
  public @interface Config {
    @AttributeDefinition boolean enabled() default false;

    @AttributeDefinition String tenantSlug() default "demo";
  }

  private final Thread seed;

  @Activate
  public AgentDemo(Config config, @Reference TenantService tenants, @Reference Templates templates, @Reference Agents agents,
      @Reference Widgets widgets, @Reference ConfigurationAdmin configurations) {
    seed = new Thread(() -> seed(config, tenants, templates, agents, widgets, port(configurations)), "ngx-agent-demo");
    seed.setDaemon(true);
    if (config.enabled()) {
      seed.start();
    }
  }

  @Deactivate
  void deactivate() {
    seed.interrupt();
  }

  /** The HTTP port pax-web listens on (its configuration), for the demo widget's allowed origins. */
  private static String port(ConfigurationAdmin configurations) {
    try {
      Configuration c = configurations.getConfiguration("org.ops4j.pax.web", null);
      Object port = c.getProperties() == null ? null : c.getProperties().get("org.osgi.service.http.port");
      return port != null ? port.toString() : System.getProperty("org.osgi.service.http.port", "8181");
    } catch (IOException e) {
      return "8181";
    }
  }

  private static void seed(Config config, TenantService tenants, Templates templates, Agents agents, Widgets widgets,
      String port) {
    try {
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (System.nanoTime() < deadline) {
        Tenant demo = tenants.findBySlug(config.tenantSlug()).orElse(null);
        if (demo != null) {
          TenantContext t = demo.context();
          if (agents.list(demo.schema(), 0, 1).total() > 0) {
            return;
          }
          if (templates.list(t, "en").stream().anyMatch(i -> i.id().equals(TEMPLATE))) {
            create(demo, agents, widgets, port);
            return;
          }
        }
        Thread.sleep(1000);
      }
      LOG.warn("Agent demo: the {} template never became available to tenant {}", TEMPLATE, config.tenantSlug());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Seeding the agent demo failed", e);
    }
  }

  private static void create(Tenant demo, Agents agents, Widgets widgets, String port) {
    Agents.AgentView a = agents.create(demo.context(), demo.schema(), "Acme Cloud sales assistant", "en", TEMPLATE, null);
    agents.publish(demo.context(), demo.schema(), a.id(), "Demo agent from the SaaS B2B template");
    List<String> origins = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
    com.fasterxml.jackson.databind.node.ObjectNode brand = com.ngx.agent.internal.Json.MAPPER.createObjectNode()
        .put("title", "Acme Cloud").put("primaryColor", "#4F46E5");
    widgets.create(demo.context(), demo.schema(), a.id(), DEMO_KEY, origins, brand, "http://localhost:" + port);
    LOG.info("Agent demo: agent {} from the {} template is live; chat with it at http://localhost:{}/api/v1/widget/{}/demo",
        a.id(), TEMPLATE, port, DEMO_KEY);
  }
}
