package com.ngx.tenant.internal;

import com.ngx.rest.Scopes;
import com.ngx.tenant.ApiKeyService;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: creates an operator key when none is configured or stored, and (when enabled) a
 * demo tenant with an API key; writes the secrets once to the credentials file (mode 600) and
 * prints them.
 */
@Component(configurationPid = "com.ngx.demo", immediate = true, service = Bootstrap.class)
@Designate(ocd = DemoConfiguration.class)
public final class Bootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  @Activate
  public Bootstrap(
      @Reference TenantService tenants,
      @Reference ApiKeyService keys,
      @Reference KeyAuthenticator authenticator,
      BundleContext context,
      DemoConfiguration configuration) {
    String data = context.getProperty("karaf.data");
    Path file = Paths.get(data == null ? "data" : data).resolve(configuration.credentialsFile());
    String api = "http://localhost:" + httpPort(context) + "/api/v1";
    try {
      Map<String, String> created = new LinkedHashMap<>();
      if (!authenticator.hasConfiguredOperatorKey() && !keys.hasOperatorKey()) {
        created.put("NGX_OPERATOR_KEY", keys.createOperatorKey("bootstrap").secret());
      }
      if (configuration.enabled() && tenants.findBySlug(configuration.tenantSlug()).isEmpty()) {
        Tenant demo = tenants.provision(configuration.tenantSlug(), configuration.tenantName());
        created.put("NGX_DEMO_TENANT_ID", demo.id().toString());
        created.put(
            "NGX_DEMO_TENANT_KEY",
            keys.createTenantKey(demo.id(), "demo", Set.of(Scopes.ALL)).secret());
      }
      if (!created.isEmpty()) {
        created.put("NGX_API", api);
        write(file, created);
        StringBuilder banner = new StringBuilder("\nNGX first start: credentials (shown once, also in ")
            .append(file).append(")\n");
        created.forEach((k, v) -> banner.append("  ").append(k).append('=').append(v).append('\n'));
        banner.append("  try: curl -H \"Authorization: Bearer $NGX_DEMO_TENANT_KEY\" ").append(api).append("/me\n");
        System.out.println(banner);
        LOG.info("Seeded first-start credentials into {}", file);
      } else if (Files.exists(file)) {
        System.out.println("NGX: API at " + api + "; first-start credentials in " + file);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("First-start seeding failed", e);
    }
  }

  /** The port pax-web listens on (its configuration), 8181 by default. */
  static String httpPort(BundleContext context) {
    var ref = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
    if (ref != null) {
      try {
        Object admin = context.getService(ref);
        if (admin instanceof org.osgi.service.cm.ConfigurationAdmin cm) {
          var configs = cm.listConfigurations("(service.pid=org.ops4j.pax.web)");
          if (configs != null
              && configs.length > 0
              && configs[0].getProperties().get("org.osgi.service.http.port") != null) {
            return configs[0].getProperties().get("org.osgi.service.http.port").toString();
          }
        }
      } catch (IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
        LOG.debug("Could not read the HTTP port", e);
      } finally {
        context.ungetService(ref);
      }
    }
    String property = context.getProperty("org.osgi.service.http.port");
    return property == null ? "8181" : property;
  }

  /** Appends to the credentials file, readable by the owner only. */
  static void write(Path file, Map<String, String> values) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!Files.exists(file)) {
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the data directory's own permissions apply
      }
    }
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    Files.writeString(
        file, out.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }
}
