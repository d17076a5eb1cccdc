package com.ngx.marketplace.internal;

import com.ngx.marketplace.internal.certify.CertificationInput;
import com.ngx.marketplace.internal.certify.Finding;
import com.ngx.marketplace.internal.certify.ImportPolicy;
import com.ngx.marketplace.internal.certify.StaticCertifier;
import com.ngx.marketplace.internal.certify.StaticReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certifies uploaded versions, one at a time in the background: the static checks (manifest,
 * versions, imports, API range, forbidden-API scan, signature), a dry-run resolution against the
 * running platform, then a trial install with no tenant attached. Every finding goes into the
 * version's JSON report; any error rejects it. Versions left half-certified by a restart are
 * certified again on start.
 */
@Component(service = Certification.class, configurationPid = "com.ngx.marketplace", immediate = true)
public final class Certification {
  private static final Logger LOG = LoggerFactory.getLogger(Certification.class);

  private final BundleContext context;
  private final Listings listings;
  private final Publishers publishers;
  private final PluginRuntime runtime;
  private final DryRunResolver resolver;
  private final boolean autoPublish;
  private final StaticCertifier certifier;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-certification");
            t.setDaemon(true);
            return t;
          });

  @Activate
  public Certification(
      BundleContext context,
      @Reference Listings listings,
      @Reference Publishers publishers,
      @Reference PluginRuntime runtime,
      @Reference DryRunResolver resolver,
      MarketplaceConfiguration config) {
    this.context = context;
    this.listings = listings;
    this.publishers = publishers;
    this.runtime = runtime;
    this.resolver = resolver;
    this.autoPublish = config.autoPublish();
    List<String> allowed = new ArrayList<>(ImportPolicy.defaults().allowedPackagePrefixes());
    for (String extra : config.allowedImports()) {
      for (String p : extra.split(",")) {
        if (!p.isBlank()) {
          allowed.add(p.strip());
        }
      }
    }
    this.certifier = new StaticCertifier(new ImportPolicy(allowed));
    for (UUID unfinished : listings.unfinishedCertifications()) {
      enqueue(unfinished);
    }
  }

  @Deactivate
  void deactivate() {
    worker.shutdownNow();
  }

  public void enqueue(UUID versionId) {
    worker.execute(
        () -> {
          try {
            certify(versionId);
          } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
              // shutting down (or reconfigured): the version stays certifying and is certified again on start
              return;
            }
            LOG.error("Certifying version {} failed", versionId, e);
            fail(versionId, e);
          }
        });
  }

  private void certify(UUID versionId) {
    Instant started = Instant.now();
    Optional<Listings.ListingVersion> found = listings.versionById(versionId);
    if (found.isEmpty() || !Listings.CERTIFYING.equals(found.get().status())) {
      return;
    }
    Listings.ListingVersion v = found.get();
    Listings.Listing listing = listings.require(v.listingId());
    byte[] bytes = listings.artifact(v.sha256());
    List<String> previousVersions = new ArrayList<>();
    String previousName = null;
    for (Listings.ListingVersion other : listings.versions(listing.id())) {
      if (other.id().equals(v.id()) || Listings.REJECTED.equals(other.status())
          || Listings.CERTIFYING.equals(other.status())) {
        continue;
      }
      previousVersions.add(other.version());
      if (previousName == null) {
        previousName = other.symbolicName();
      }
    }
    CertificationInput input =
        new CertificationInput(
            listing.pluginId(),
            previousName,
            previousVersions,
            publishers.trustedCertificates(listing.publisherId()),
            platformApiPackages());
    StaticReport report;
    List<Finding> findings = new ArrayList<>();
    List<Map<String, String>> manifests = new ArrayList<>();
    if (Kar.isKar(bytes)) {
      report = certifyKar(bytes, input, findings, manifests);
    } else {
      report = certifier.check(bytes, input);
      findings.addAll(report.findings());
      manifests.add(manifest(bytes));
    }
    if (findings.stream().noneMatch(Finding::isError)) {
      String unresolved = resolver.resolve(manifests);
      if (unresolved == null) {
        findings.add(Finding.info("resolve.ok", "Resolves against the running platform without rewiring it"));
      } else {
        findings.add(Finding.error("resolve.unresolved", unresolved));
      }
    }
    if (findings.stream().noneMatch(Finding::isError)) {
      Optional<PluginRuntime.StartFailure> trial = runtime.trial(v.sha256(), bytes);
      if (trial.isEmpty()) {
        findings.add(Finding.info("trial.healthy",
            "Installed, started and healthy in the running platform with no tenant attached, then removed"));
      } else {
        findings.add(Finding.error(trial.get().rule(), trial.get().getMessage()));
      }
    } else {
      findings.add(Finding.info("trial.skipped", "No trial install: the errors above reject the version first"));
    }
    if (Thread.currentThread().isInterrupted()) {
      // shutting down mid-way: record nothing, the version is certified again on start
      return;
    }
    boolean passed = findings.stream().noneMatch(Finding::isError);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("passed", passed);
    json.put("sha256", v.sha256());
    json.put("size", v.size());
    json.put("symbolicName", report.facts() == null ? null : report.facts().symbolicName());
    json.put("apiRange", report.facts() == null ? null : report.facts().apiRange());
    json.put("signer", report.signerFingerprint());
    json.put("startedAt", started.toString());
    json.put("finishedAt", Instant.now().toString());
    List<Map<String, String>> list = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("rule", f.rule());
      m.put("severity", f.severity().id());
      m.put("message", f.message());
      list.add(m);
    }
    json.put("findings", list);
    listings.finishCertification(
        versionId,
        passed,
        report.facts() == null ? null : report.facts().symbolicName(),
        report.facts() == null ? null : report.facts().apiRange(),
        Json.write(json),
        autoPublish);
    LOG.info("Version {} of {} {}: {} findings", v.version(), listing.pluginId(), passed ? "certified" : "rejected",
        findings.size());
  }

  private void fail(UUID versionId, RuntimeException e) {
    try {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("passed", false);
      json.put("findings", List.of(Map.of("rule", "certification.failed", "severity", "error",
          "message", "Certification could not complete: " + PluginRuntime.describe(e))));
      listings.finishCertification(versionId, false, null, null, Json.write(json), false);
    } catch (RuntimeException again) {
      LOG.error("Recording the failed certification of {} failed too", versionId, again);
    }
  }

  /**
   * A KAR: its plugin bundle and each library, every one checked (libraries may export packages
   * and need no plugin headers; each may import what the others export). Findings name the bundle.
   */
  private StaticReport certifyKar(
      byte[] bytes, CertificationInput input, List<Finding> findings, List<Map<String, String>> manifests) {
    List<Kar.Part> parts;
    Kar.Part plugin;
    try {
      parts = Kar.bundles(bytes);
      plugin = Kar.plugin(parts);
    } catch (java.io.IOException e) {
      findings.add(Finding.error("kar.bundles", "The KAR cannot be used: " + e.getMessage()));
      return new StaticReport(null, List.of(), null);
    }
    StaticReport pluginReport = null;
    for (Kar.Part part : parts) {
      java.util.Set<String> siblings = new java.util.LinkedHashSet<>();
      for (Kar.Part other : parts) {
        if (other != part) {
          siblings.addAll(other.exports());
        }
      }
      StaticReport r = certifier.check(part.bytes(), input, !part.plugin(), siblings);
      for (Finding f : r.findings()) {
        findings.add(new Finding(f.rule(), f.severity(), "[" + part.symbolicName() + "] " + f.message()));
      }
      if (part == plugin) {
        pluginReport = r;
      }
      manifests.add(manifest(part.bytes()));
    }
    findings.add(Finding.info("kar.bundles", "A KAR of " + parts.size() + " bundles: the plugin "
        + plugin.symbolicName() + " and " + (parts.size() - 1) + " libraries private to it"));
    return pluginReport;
  }

  /** The public API packages the platform exports, and their versions. */
  private Map<String, Version> platformApiPackages() {
    Map<String, Version> out = new LinkedHashMap<>();
    for (Bundle b : context.getBundles()) {
      BundleWiring w = b.adapt(BundleWiring.class);
      if (w == null || b.getLocation().startsWith(PluginRuntime.LOCATION) || b.getLocation().startsWith(PluginRuntime.TRIAL)) {
        continue;
      }
      for (BundleCapability c : w.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
        Object name = c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
        Object version = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        if (name instanceof String n && (n.equals("com.ngx.api") || n.startsWith("com.ngx.api."))
            && version instanceof Version ver) {
          out.put(n, ver);
        }
      }
    }
    return out;
  }

  private static Map<String, String> manifest(byte[] bytes) {
    Map<String, String> out = new LinkedHashMap<>();
    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes), false)) {
      Manifest m = jar.getManifest();
      if (m != null) {
        for (Map.Entry<Object, Object> e : m.getMainAttributes().entrySet()) {
          out.put(((Attributes.Name) e.getKey()).toString(), (String) e.getValue());
        }
      }
    } catch (IOException e) {
      // the static checks reported it
    }
    return out;
  }
}
