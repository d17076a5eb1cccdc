package com.ngx.persistence.internal;

import com.ngx.persistence.PersistenceFailure;
import com.ngx.persistence.SchemaMigrations;
import com.ngx.persistence.SchemaReady;
import com.ngx.persistence.TenantSchemas;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every module's migrations: shared ones when the module appears, tenant ones at
 * provisioning and lazily afterwards.
 *
 * <p>Each tenant schema records (in {@code ngx_tenant_schema}) a fingerprint of the set of tenant
 * migrations it has run. A schema whose fingerprint differs from the current one is migrated on
 * its first use on this node, and by a background pass, so start-up never walks all tenants.
 */
@Component(service = TenantSchemas.class, configurationPid = "com.ngx.persistence", immediate = true)
@Designate(ocd = PersistenceConfiguration.class)
public final class SchemaManager implements TenantSchemas {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9]{0,30}");

  private record Module(
      String name,
      SchemaMigrations migrations,
      Bundle bundle,
      ServiceReference<SchemaMigrations> reference,
      ServiceRegistration<SchemaReady> ready) {}

  private final DataSource dataSource;
  private final BundleContext context;
  private final int backgroundDelaySeconds;
  private final Map<String, Module> modules = new ConcurrentHashMap<>();
  private final Map<String, String> currentOnThisNode = new ConcurrentHashMap<>();
  private final Map<String, Object> schemaLocks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService background =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-tenant-schema-migrator");
            t.setDaemon(true);
            return t;
          });
  private volatile String fingerprint = fingerprintOf(Map.of());
  private volatile java.util.function.Consumer<String> dropListener;

  @Activate
  public SchemaManager(
      @Reference(name = "dataSource", target = "(osgi.jndi.service.name=jdbc/ngx)") DataSource dataSource,
      BundleContext context,
      PersistenceConfiguration configuration) {
    this.dataSource = dataSource;
    this.context = context;
    this.backgroundDelaySeconds = Math.max(0, configuration.backgroundMigrationDelaySeconds());
    migrate(
        context.getBundle().adapt(BundleWiring.class).getClassLoader(),
        "persistence",
        "db/persistence/shared",
        null);
  }

  /** Tells this bundle's transactions when a schema is dropped (to close its factory). */
  void onDrop(java.util.function.Consumer<String> listener) {
    this.dropListener = listener;
  }

  @Deactivate
  void deactivate() {
    background.shutdownNow();
    modules.values().stream().filter(m -> m.ready() != null).forEach(m -> unregisterQuietly(m.ready()));
    modules.clear();
  }

  @Reference(
      service = SchemaMigrations.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      unbind = "removeMigrations")
  void addMigrations(ServiceReference<SchemaMigrations> reference) {
    // Migrate on our own thread, never inside the DS bind: registering SchemaReady activates the
    // module's components, which need this very service.
    if (!background.isShutdown()) {
      background.execute(() -> register(reference));
    }
  }

  private void register(ServiceReference<SchemaMigrations> reference) {
    SchemaMigrations migrations = context.getService(reference);
    if (migrations == null) {
      return;
    }
    String name = migrations.module();
    if (!MODULE_NAME.matcher(name).matches()) {
      LOG.error("Ignoring schema migrations with an invalid module name '{}'", name);
      return;
    }
    Bundle bundle = reference.getBundle();
    try {
      if (migrations.hasSharedMigrations()) {
        migrate(loaderOf(bundle), name, "db/" + name + "/shared", null);
      }
    } catch (RuntimeException e) {
      LOG.error("Shared migrations of module {} failed; its components stay inactive", name, e);
      return;
    }
    Module previous = modules.put(name, new Module(name, migrations, bundle, reference, null));
    if (previous != null && previous.ready() != null) {
      unregisterQuietly(previous.ready());
    }
    if (migrations.hasTenantMigrations()) {
      recomputeFingerprint();
      scheduleBackgroundPass();
    }
    Dictionary<String, Object> props = new Hashtable<>();
    props.put(SchemaReady.MODULE, name);
    ServiceRegistration<SchemaReady> ready =
        context.registerService(SchemaReady.class, () -> name, props);
    modules.computeIfPresent(
        name, (n, m) -> new Module(n, m.migrations(), m.bundle(), m.reference(), ready));
  }

  void removeMigrations(ServiceReference<SchemaMigrations> reference) {
    if (background.isShutdown()) {
      return; // the whole component is going away
    }
    background.execute(
        () -> {
          modules
              .values()
              .removeIf(
                  m -> {
                    // by reference: an unregistered service no longer knows its bundle
                    if (m.reference().equals(reference)) {
                      if (m.ready() != null) {
                        unregisterQuietly(m.ready());
                      }
                      return true;
                    }
                    return false;
                  });
          context.ungetService(reference);
          recomputeFingerprint();
        });
  }

  @Override
  public void create(String schema) {
    requireValid(schema);
    synchronized (lockFor(schema)) {
      execute("create schema " + schema, "create schema " + schema);
      try {
        migrateTenant(schema);
      } catch (RuntimeException e) {
        dropQuietly(schema);
        throw e instanceof PersistenceFailure pf
            ? pf
            : new PersistenceFailure("Could not migrate schema " + schema, e);
      }
    }
  }

  @Override
  public void ensureCurrent(String schema) {
    String expected = fingerprint;
    if (expected.equals(currentOnThisNode.get(schema))) {
      return;
    }
    requireValid(schema);
    synchronized (lockFor(schema)) {
      expected = fingerprint;
      if (expected.equals(currentOnThisNode.get(schema))) {
        return;
      }
      if (expected.equals(recordedFingerprint(schema))) {
        currentOnThisNode.put(schema, expected);
        return;
      }
      if (!exists(schema)) {
        throw new PersistenceFailure("Tenant schema " + schema + " does not exist", null);
      }
      migrateTenant(schema);
    }
  }

  @Override
  public void drop(String schema) {
    requireValid(schema);
    synchronized (lockFor(schema)) {
      currentOnThisNode.remove(schema);
      java.util.function.Consumer<String> listener = dropListener;
      if (listener != null) {
        listener.accept(schema);
      }
      execute("drop schema if exists " + schema + " cascade", "drop schema " + schema);
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement("delete from ngx_tenant_schema where schema_name = ?")) {
        ps.setString(1, schema);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new PersistenceFailure("Could not forget schema " + schema, e);
      }
    }
  }

  @Override
  public boolean exists(String schema) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from information_schema.schemata where schema_name = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    } catch (SQLException e) {
      throw new PersistenceFailure("Could not look up schema " + schema, e);
    }
  }

  /** Runs every tenant module's migrations in the schema and records the new fingerprint. */
  private void migrateTenant(String schema) {
    String expected = fingerprint;
    for (Module m : sortedModules()) {
      if (m.migrations().hasTenantMigrations()) {
        migrate(loaderOf(m.bundle()), m.name(), "db/" + m.name() + "/tenant", schema);
      }
    }
    recordFingerprint(schema, expected);
    currentOnThisNode.put(schema, expected);
  }

  /**
   * The one Flyway set-up of the platform: a module's scripts at {@code location}, its own history
   * table, in the shared schema (schema null) or a tenant's.
   */
  public static Flyway flyway(
      DataSource dataSource, ClassLoader loader, String module, String location, String schema) {
    var config =
        Flyway.configure(loader)
            .dataSource(dataSource)
            .locations("classpath:" + location)
            .table("flyway_" + module)
            .failOnMissingLocations(false)
            // several modules keep their own history table in one schema: a schema that
            // another module already filled is this module's version 0, not an error
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (schema != null) {
      config = config.schemas(schema).defaultSchema(schema).createSchemas(false);
    }
    return config.load();
  }

  private void migrate(ClassLoader loader, String module, String location, String schema) {
    try {
      var result = flyway(dataSource, loader, module, location, schema).migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info(
            "Migrated {} of module {} to version {} ({} migrations)",
            schema == null ? "the shared schema" : "schema " + schema,
            module,
            result.targetSchemaVersion,
            result.migrationsExecuted);
      }
    } catch (RuntimeException e) {
      throw new PersistenceFailure(
          "Migration of module " + module + (schema == null ? "" : " in schema " + schema)
              + " failed: " + e.getMessage(),
          e);
    }
  }

  private List<Module> sortedModules() {
    List<Module> list = new ArrayList<>(modules.values());
    list.sort((a, b) -> a.name().compareTo(b.name()));
    return list;
  }

  private void recomputeFingerprint() {
    Map<String, List<String>> scripts = new TreeMap<>();
    for (Module m : modules.values()) {
      if (m.migrations().hasTenantMigrations()) {
        scripts.put(m.name(), scriptNames(m.bundle(), "db/" + m.name() + "/tenant"));
      }
    }
    fingerprint = fingerprintOf(scripts);
    currentOnThisNode.clear();
  }

  static List<String> scriptNames(Bundle bundle, String path) {
    List<String> names = new ArrayList<>();
    Enumeration<URL> entries = bundle.findEntries(path, "*.sql", false);
    if (entries != null) {
      for (URL url : Collections.list(entries)) {
        String p = url.getPath();
        names.add(p.substring(p.lastIndexOf('/') + 1));
      }
    }
    Collections.sort(names);
    return names;
  }

  static String fingerprintOf(Map<String, List<String>> scriptsByModule) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(scriptsByModule)
          .forEach(
              (module, scripts) ->
                  digest.update(
                      (module + "=" + String.join(",", scripts) + ";")
                          .getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void scheduleBackgroundPass() {
    if (background.isShutdown()) {
      return;
    }
    background.schedule(this::backgroundPass, backgroundDelaySeconds, TimeUnit.SECONDS);
  }

  /** Migrates every tenant schema that is behind, one at a time, logging failures per schema. */
  private void backgroundPass() {
    String expected = fingerprint;
    List<String> outdated = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select schema_name from ngx_tenant_schema where fingerprint <> ?"
                    + " order by schema_name")) {
      ps.setString(1, expected);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outdated.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      LOG.warn("Could not list outdated tenant schemas; they migrate on first use", e);
      return;
    }
    for (String schema : outdated) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        ensureCurrent(schema);
      } catch (RuntimeException e) {
        LOG.error("Background migration of tenant schema {} failed", schema, e);
      }
    }
    if (!outdated.isEmpty()) {
      LOG.info("Background pass brought {} tenant schemas up to date", outdated.size());
    }
  }

  private String recordedFingerprint(String schema) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select fingerprint from ngx_tenant_schema where schema_name = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new PersistenceFailure("Could not read the state of schema " + schema, e);
    }
  }

  private void recordFingerprint(String schema, String value) {
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement update =
          c.prepareStatement(
              "update ngx_tenant_schema set fingerprint = ?, migrated_at = ? where schema_name = ?")) {
        update.setString(1, value);
        update.setTimestamp(2, now);
        update.setString(3, schema);
        if (update.executeUpdate() > 0) {
          return;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into ngx_tenant_schema (schema_name, fingerprint, migrated_at)"
                  + " values (?, ?, ?)")) {
        insert.setString(1, schema);
        insert.setString(2, value);
        insert.setTimestamp(3, now);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new PersistenceFailure("Could not record the state of schema " + schema, e);
    }
  }

  private void execute(String sql, String what) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new PersistenceFailure("Could not " + what + ": " + e.getMessage(), e);
    }
  }

  private void dropQuietly(String schema) {
    try {
      drop(schema);
    } catch (RuntimeException e) {
      LOG.error("Could not drop schema {} after a failed migration", schema, e);
    }
  }

  private Object lockFor(String schema) {
    return schemaLocks.computeIfAbsent(schema, s -> new Object());
  }

  private static void requireValid(String schema) {
    if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("Invalid schema name: " + schema);
    }
  }

  private static ClassLoader loaderOf(Bundle bundle) {
    return bundle.adapt(BundleWiring.class).getClassLoader();
  }

  private static void unregisterQuietly(ServiceRegistration<?> registration) {
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      // the framework unregistered it when the bundle stopped
    }
  }
}
