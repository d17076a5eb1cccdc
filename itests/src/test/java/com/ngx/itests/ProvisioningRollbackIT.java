package com.ngx.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.persistence.SchemaMigrations;
import com.ngx.persistence.SchemaReady;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import com.ngx.persistence.TenantSchemas;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantLifecycleParticipant;
import java.util.Hashtable;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;

/** Provisioning that fails half-way leaves nothing behind: no tenant, no schema, no slug taken. */
public class ProvisioningRollbackIT extends NgxTestSupport {

  @Test
  public void failingParticipantRollsBackEverything() {
    String slug = unique("fail");
    ServiceRegistration<TenantLifecycleParticipant> failing =
        bundleContext.registerService(
            TenantLifecycleParticipant.class,
            new TenantLifecycleParticipant() {
              @Override
              public void provisioning(Tenant tenant) {
                if (tenant.slug().equals(slug)) {
                  throw new IllegalStateException("billing could not open an account");
                }
              }
            },
            new Hashtable<>());
    try {
      JsonNode problem =
          call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"Fails\"}").problem(500);
      assertTrue(problem.path("detail").asText(), problem.path("detail").asText().contains("rolled back"));
    } finally {
      failing.unregister();
    }
    assertNothingLeft(slug);
    // the slug is free again
    provision(slug);
  }

  @Test
  public void failingTenantMigrationRollsBackEverything() throws Exception {
    String slug = unique("badmig");
    // a bundle whose module's tenant migration fails after its first statement
    Bundle module = installBrokenModule();
    ServiceRegistration<SchemaMigrations> broken =
        module.getBundleContext().registerService(
            SchemaMigrations.class,
            new SchemaMigrations() {
              @Override
              public String module() {
                return "broken";
              }

              @Override
              public boolean hasSharedMigrations() {
                return false;
              }

              @Override
              public boolean hasTenantMigrations() {
                return true;
              }
            },
            new Hashtable<>());
    try {
      await(Duration.ofSeconds(30), "the broken module to be registered", () -> moduleReady("broken"));
      call("POST", "/tenants", OPERATOR_KEY, "{\"slug\":\"" + slug + "\",\"name\":\"Fails\"}").problem(500);
    } finally {
      broken.unregister();
      module.uninstall();
    }
    await(Duration.ofSeconds(30), "the broken module to be gone", () -> !moduleReady("broken"));
    assertNothingLeft(slug);
    provision(slug);
  }

  /** Installs (and starts) a bundle holding only db/broken/tenant/V1__broken.sql. */
  private Bundle installBrokenModule() throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
    manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.ngx.itests.broken." + System.nanoTime());
    manifest.getMainAttributes().putValue("Import-Package", "com.ngx.persistence");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      // directory entries too: Flyway finds its locations through the class loader
      for (String dir : new String[] {"db/", "db/broken/", "db/broken/tenant/"}) {
        jar.putNextEntry(new JarEntry(dir));
        jar.closeEntry();
      }
      jar.putNextEntry(new JarEntry("db/broken/tenant/V1__broken.sql"));
      jar.write(
          ("create table half_done (id integer primary key);\n"
                  + "create table broken (id integer references no_such_table (id));\n")
              .getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    Bundle bundle =
        bundleContext.installBundle("itest:broken-module", new ByteArrayInputStream(bytes.toByteArray()));
    bundle.start();
    return bundle;
  }

  private boolean moduleReady(String module) {
    try {
      return !bundleContext
          .getServiceReferences(SchemaReady.class, "(" + SchemaReady.MODULE + "=" + module + ")")
          .isEmpty();
    } catch (InvalidSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private void assertNothingLeft(String slug) {
    assertEquals(0, get("/tenants?q=" + slug, OPERATOR_KEY).expect(200).json().path("total").asInt());
    for (String status : new String[] {"provisioning", "active", "deleted", "purged"}) {
      assertEquals(0, get("/tenants?q=" + slug + "&status=" + status, OPERATOR_KEY).json().path("total").asInt());
    }
    TenantSchemas schemas = bundleContext.getService(bundleContext.getServiceReference(TenantSchemas.class));
    assertFalse("schema dropped", schemas.exists("t_" + slug.replace('-', '_')));
  }
}
