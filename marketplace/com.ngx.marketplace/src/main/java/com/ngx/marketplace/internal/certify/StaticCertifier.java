package com.ngx.marketplace.internal.certify;

import com.ngx.api.plugin.PluginCategory;
import com.ngx.api.plugin.PluginHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The static part of plugin certification: what can be checked in an uploaded jar without
 * installing it.
 *
 * <p>The rules, in this order, each finding named by its rule id:
 *
 * <ol>
 *   <li>{@code artifact.*}: a readable jar with a manifest, safe entry names, a bounded size, the
 *       same entries whichever way it is read. An error here ends the check: nothing else can be
 *       read.
 *   <li>{@code manifest.*}: the OSGi and {@code NGX-Plugin-*} headers a plugin needs, and none of
 *       the headers that would let it escape the checks that follow.
 *   <li>{@code version.*}: a higher version than every earlier upload, under the same symbolic
 *       name.
 *   <li>{@code imports.*}: only allowed packages, with version ranges.
 *   <li>{@code api.*}: the platform API versions the plugin works with, and whether the platform
 *       has them.
 *   <li>{@code bytecode.*}: no use of a forbidden API in any class.
 *   <li>{@code signature.*}: signed, entirely, by a certificate registered for the publisher.
 * </ol>
 *
 * <p>Thread-safe: one instance serves every certification.
 */
public final class StaticCertifier {
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{2,39}");
  private static final Pattern SYMBOLIC_NAME =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern PACKAGE =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  /** A header no plugin may have, with its rule and the reason. */
  private record Forbidden(String header, String rule, String why) {}

  private static final List<Forbidden> FORBIDDEN_HEADERS =
      List.of(
          new Forbidden(
              "Fragment-Host",
              "manifest.fragment-host",
              "a fragment attaches to another bundle and runs in that bundle's class loader, with"
                  + " its permissions and packages; a plugin must be a bundle of its own"),
          new Forbidden(
              "Require-Bundle",
              "manifest.require-bundle",
              "it wires the plugin to every package of another bundle, past the import checks;"
                  + " import the packages you need with Import-Package"),
          new Forbidden(
              "DynamicImport-Package",
              "manifest.dynamic-import",
              "it lets the plugin wire to packages chosen at run time, past the import checks;"
                  + " import the packages you need with Import-Package"),
          new Forbidden(
              "Bundle-NativeCode",
              "manifest.native-code",
              "native code runs outside the JVM's checks and cannot be scanned"),
          new Forbidden(
              "Export-Package",
              "manifest.export-package",
              "plugins export nothing: other bundles wired to a plugin's packages would be"
                  + " refreshed, and so restarted, whenever it is upgraded or removed; keep every"
                  + " package private (bnd: -privatepackage)"));

  private final ImportPolicy policy;
  private final BytecodeScan bytecode;

  /** A certifier that allows the imports {@code policy} allows. */
  public StaticCertifier(ImportPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.bytecode = new BytecodeScan();
  }

  /**
   * Checks an uploaded plugin jar. Whatever the bytes are, every problem is a finding: this does
   * not throw.
   *
   * @param artifact the uploaded jar
   * @param input what the jar is compared with: the listing's plugin id, earlier versions, the
   *     publisher's certificates and the platform's API packages
   */
  public StaticReport check(byte[] artifact, CertificationInput input) {
    return check(artifact, input, false, Set.of());
  }

  /**
   * Checks one bundle of a multi-bundle add-on (a KAR): the plugin bundle ({@code library} false)
   * or one of the libraries it ships with. Libraries need no plugin headers and may export
   * packages (never {@code com.ngx.*}); every bundle may import what its siblings export.
   *
   * @param siblingExports the packages the add-on's other bundles export
   */
  public StaticReport check(byte[] artifact, CertificationInput input, boolean library, Set<String> siblingExports) {
    Objects.requireNonNull(input, "input");
    List<Finding> findings = new ArrayList<>();
    try {
      return check(artifact, input, findings, library, Set.copyOf(siblingExports));
    } catch (RuntimeException e) {
      findings.add(
          Finding.error(
              "certification.internal",
              "The static checks failed unexpectedly ("
                  + e
                  + "): report this to the marketplace operator"));
      return new StaticReport(null, findings, null);
    }
  }

  private StaticReport check(
      byte[] artifact, CertificationInput input, List<Finding> findings, boolean library, Set<String> siblings) {
    JarContents jar = JarContents.read(artifact, findings);
    if (jar == null) {
      return new StaticReport(null, findings, null);
    }
    Attributes main = jar.manifest().getMainAttributes();

    // manifest.*
    manifestVersion(main, findings);
    String symbolicName = symbolicName(main, findings);
    String versionText = header(main, "Bundle-Version");
    Version version = version(versionText, findings);
    String pluginId = library ? null : pluginId(main, input.expectedPluginId(), findings);
    String name = header(main, PluginHeaders.NAME);
    if (name == null && !library) {
      findings.add(
          Finding.error(
              "manifest.plugin-name",
              "The manifest has no "
                  + PluginHeaders.NAME
                  + ": set it to the plugin's display name"));
    }
    String category = library ? null : category(main, findings);
    forbiddenHeaders(main, findings, library);

    // version.*
    if (!library) {
      versions(version, symbolicName, input, findings);
    }

    // imports.*, api.*
    List<Import> imports = imports(main, findings, siblings);
    String apiRange =
        library && imports.stream().noneMatch(i -> ImportPolicy.isPlatformApi(i.pkg()))
            ? null
            : api(imports, input, findings);

    // bytecode.*
    bytecode.scan(jar.classes(), findings);

    // signature.*
    String fingerprint =
        SignatureCheck.check(
            artifact, jar.names(), input.trustedCertificates(), Instant.now(), findings);

    BundleFacts facts =
        new BundleFacts(
            symbolicName,
            version == null ? versionText : version.toString(),
            pluginId,
            name,
            category,
            header(main, PluginHeaders.PUBLISHER),
            header(main, PluginHeaders.DATA),
            apiRange,
            imports.stream().map(Import::pkg).toList());
    return new StaticReport(facts, findings, fingerprint);
  }

  /** A header's value, stripped; null when absent or blank. */
  private static String header(Attributes main, String name) {
    String value = main.getValue(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void manifestVersion(Attributes main, List<Finding> findings) {
    String value = header(main, "Bundle-ManifestVersion");
    if (!"2".equals(value)) {
      findings.add(
          Finding.error(
              "manifest.manifest-version",
              (value == null
                      ? "The manifest has no Bundle-ManifestVersion"
                      : "Bundle-ManifestVersion is '" + value + "'")
                  + ": an OSGi bundle declares Bundle-ManifestVersion: 2 (bnd writes it)"));
    }
  }

  private static String symbolicName(Attributes main, List<Finding> findings) {
    String value = header(main, "Bundle-SymbolicName");
    if (value == null) {
      findings.add(
          Finding.error(
              "manifest.symbolic-name",
              "The manifest has no Bundle-SymbolicName: set it to the plugin bundle's name, e.g."
                  + " com.example.webhook"));
      return null;
    }
    int semicolon = value.indexOf(';');
    String symbolicName = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
    if (!SYMBOLIC_NAME.matcher(symbolicName).matches()) {
      findings.add(
          Finding.error(
              "manifest.symbolic-name",
              "Bundle-SymbolicName '"
                  + symbolicName
                  + "' is not a symbolic name: use letters, digits, '_' and '-' in dot-separated"
                  + " parts, e.g. com.example.webhook"));
    }
    return symbolicName;
  }

  private static Version version(String value, List<Finding> findings) {
    if (value == null) {
      findings.add(
          Finding.error(
              "manifest.version",
              "The manifest has no Bundle-Version: set it to the version being uploaded, e.g."
                  + " 1.0.0"));
      return null;
    }
    try {
      return Version.parseVersion(value);
    } catch (IllegalArgumentException e) {
      findings.add(
          Finding.error(
              "manifest.version",
              "Bundle-Version '"
                  + value
                  + "' is not an OSGi version ("
                  + e.getMessage()
                  + "): use major.minor.micro, e.g. 1.2.0"));
      return null;
    }
  }

  private static String pluginId(Attributes main, String expected, List<Finding> findings) {
    String id = header(main, PluginHeaders.ID);
    String want = expected == null ? "" : " (this listing's is " + expected + ")";
    if (id == null) {
      findings.add(
          Finding.error(
              "manifest.plugin-id",
              "The manifest has no "
                  + PluginHeaders.ID
                  + ": set it to the listing's plugin id"
                  + want));
    } else if (!PLUGIN_ID.matcher(id).matches()) {
      findings.add(
          Finding.error(
              "manifest.plugin-id",
              PluginHeaders.ID
                  + " '"
                  + id
                  + "' is not a plugin id: 3 to 40 lowercase letters, digits and '-', starting with"
                  + " a letter"
                  + want));
    } else if (expected != null && !expected.equals(id)) {
      findings.add(
          Finding.error(
              "manifest.plugin-id",
              PluginHeaders.ID
                  + " is '"
                  + id
                  + "' but this listing's plugin id is '"
                  + expected
                  + "': upload the jar to the listing of "
                  + id
                  + ", or set "
                  + PluginHeaders.ID
                  + ": "
                  + expected
                  + " (the id never changes between versions)"));
    }
    return id;
  }

  private static String category(Attributes main, List<Finding> findings) {
    String category = header(main, PluginHeaders.CATEGORY);
    if (category == null || PluginCategory.of(category) == null) {
      String ids =
          Arrays.stream(PluginCategory.values())
              .map(PluginCategory::id)
              .collect(Collectors.joining(", "));
      findings.add(
          Finding.error(
              "manifest.plugin-category",
              (category == null
                      ? "The manifest has no " + PluginHeaders.CATEGORY
                      : PluginHeaders.CATEGORY + " '" + category + "' is not a category")
                  + ": use one of "
                  + ids));
    }
    return category;
  }

  private static void forbiddenHeaders(Attributes main, List<Finding> findings, boolean library) {
    if (library) {
      String exports = header(main, "Export-Package");
      if (exports != null) {
        for (ManifestHeader.Clause c : ManifestHeader.parse(exports)) {
          for (String pkg : c.paths()) {
            if (pkg.equals("com.ngx") || pkg.startsWith("com.ngx.")) {
              findings.add(
                  Finding.error(
                      "manifest.export-platform",
                      "The library exports " + pkg + ": com.ngx packages belong to the platform"));
            }
          }
        }
      }
    }
    for (Forbidden f : FORBIDDEN_HEADERS) {
      if (library && f.header().equals("Export-Package")) {
        continue;
      }
      if (header(main, f.header()) != null) {
        findings.add(
            Finding.error(
                f.rule(),
                f.header() + " is not allowed in a plugin: " + f.why() + ". Remove the header"));
      }
    }
    String classPath = header(main, "Bundle-ClassPath");
    if (classPath != null
        && !Arrays.stream(classPath.split(",")).allMatch(p -> p.strip().equals("."))) {
      findings.add(
          Finding.error(
              "manifest.bundle-classpath",
              "Bundle-ClassPath is '"
                  + classPath
                  + "': embedded jars and directories would escape the certification scan. Inline"
                  + " the classes you need in the plugin's own packages (bnd: -conditionalpackage)"
                  + " and leave Bundle-ClassPath out, or set '.'"));
    }
  }

  private static void versions(
      Version version, String symbolicName, CertificationInput input, List<Finding> findings) {
    if (version != null) {
      Version highest = null;
      for (String previous : input.previousVersions()) {
        try {
          Version v = Version.parseVersion(previous.strip());
          if (highest == null || v.compareTo(highest) > 0) {
            highest = v;
          }
        } catch (IllegalArgumentException e) {
          // not comparable: Bundle-Version of every upload was validated when it was stored
        }
      }
      if (highest != null && version.compareTo(highest) <= 0) {
        findings.add(
            Finding.error(
                "version.not-greater",
                "Bundle-Version "
                    + version
                    + " is not greater than "
                    + highest
                    + ", the highest version uploaded before: raise Bundle-Version above it"));
      }
      if (!version.getQualifier().isEmpty()) {
        findings.add(
            Finding.warning(
                "version.qualifier",
                "Bundle-Version "
                    + version
                    + " has a qualifier ("
                    + version.getQualifier()
                    + "), which sorts as text (so 1.0.0.rc10 comes before 1.0.0.rc9) and reads as a"
                    + " pre-release: publish major.minor.micro versions"));
      }
    }
    String previousName = input.previousSymbolicName();
    if (previousName != null && symbolicName != null && !previousName.equals(symbolicName)) {
      findings.add(
          Finding.error(
              "version.symbolic-name-changed",
              "Bundle-SymbolicName is "
                  + symbolicName
                  + " but earlier versions of this plugin are "
                  + previousName
                  + ": an upgrade must keep the symbolic name; set Bundle-SymbolicName: "
                  + previousName));
    }
  }

  /**
   * One package of {@code Import-Package}.
   *
   * @param version the version attribute as given; null when there is none
   * @param range the range it gives; null when there is none or it is malformed
   */
  private record Import(String pkg, String version, VersionRange range, boolean optional) {}

  private List<Import> imports(Attributes main, List<Finding> findings, Set<String> siblings) {
    List<ManifestHeader.Clause> clauses;
    try {
      clauses = ManifestHeader.parse(main.getValue("Import-Package"));
    } catch (IllegalArgumentException e) {
      findings.add(
          Finding.error(
              "imports.syntax",
              "Import-Package cannot be parsed ("
                  + e.getMessage()
                  + "): let bnd compute Import-Package"));
      return List.of();
    }
    List<Import> imports = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ManifestHeader.Clause clause : clauses) {
      String version = clause.attributes().get("version");
      if (version == null) {
        version = clause.attributes().get("specification-version");
      }
      boolean optional = "optional".equals(clause.directives().get("resolution"));
      for (String pkg : clause.paths()) {
        if (!PACKAGE.matcher(pkg).matches()) {
          findings.add(
              Finding.error(
                  "imports.syntax",
                  "Import-Package names '"
                      + pkg
                      + "', which is not a package name (wildcards are bnd instructions, not"
                      + " manifest syntax): let bnd compute Import-Package"));
          continue;
        }
        if (!seen.add(pkg)) {
          findings.add(
              Finding.error(
                  "imports.duplicate",
                  "Import-Package names "
                      + pkg
                      + " more than once, which the OSGi framework rejects: import each package"
                      + " once"));
          continue;
        }
        VersionRange range = null;
        boolean malformed = false;
        if (version != null) {
          try {
            range = new VersionRange(version.strip());
          } catch (IllegalArgumentException e) {
            malformed = true;
            findings.add(
                Finding.error(
                    "imports.bad-version",
                    "Import-Package gives "
                        + pkg
                        + " the version range '"
                        + version
                        + "', which is not an OSGi version range: use e.g. \"[1.0,2)\""));
          }
        }
        imports.add(new Import(pkg, version, range, optional));
        checkImport(pkg, version, range, malformed, optional, findings, siblings);
      }
    }
    return imports;
  }

  private void checkImport(
      String pkg,
      String version,
      VersionRange range,
      boolean malformed,
      boolean optional,
      List<Finding> findings,
      Set<String> siblings) {
    if (ImportPolicy.isJava(pkg)) {
      return;
    }
    if (siblings.contains(pkg) && !ImportPolicy.isPlatformInternal(pkg)) {
      // exported by another bundle of the same add-on
      return;
    }
    if (ImportPolicy.isPlatformInternal(pkg)) {
      findings.add(
          Finding.error(
              "imports.platform-internal",
              "Import-Package names "
                  + pkg
                  + ", a package internal to the platform: plugins may use only the platform API,"
                  + " com.ngx.api and its sub-packages"));
      return;
    }
    if (!policy.allows(pkg)) {
      findings.add(
          Finding.error(
              "imports.not-allowed",
              "Import-Package names "
                  + pkg
                  + (optional ? " (optionally)" : "")
                  + ", which plugins may not import: inline what you need from that library in the"
                  + " plugin's own private packages (bnd: -conditionalpackage), or ask the"
                  + " marketplace operator to allow it. Allowed: java.*, "
                  + String.join(
                      ", ",
                      policy.allowedPackagePrefixes().stream()
                          .map(p -> p.endsWith(".") ? p + "*" : p)
                          .toList())));
      return;
    }
    if (malformed) {
      return;
    }
    if (version == null) {
      findings.add(
          Finding.warning(
              "imports.unversioned",
              "Import-Package names "
                  + pkg
                  + " without a version range, so the plugin wires to any version of it,"
                  + " incompatible ones too: give the range it was built against, e.g. "
                  + pkg
                  + ";version=\"[1.0,2)\" (bnd adds ranges for versioned packages)"));
    } else if (range.getRight() == null) {
      findings.add(
          Finding.warning(
              "imports.open-range",
              "Import-Package gives "
                  + pkg
                  + " the range "
                  + version
                  + ", which has no upper bound, so the plugin accepts incompatible future major"
                  + " versions: bound it, e.g. \"["
                  + range.getLeft()
                  + ","
                  + (range.getLeft().getMajor() + 1)
                  + ")\""));
    }
  }

  /**
   * The intersection of the ranges of the platform API imports, as a range string; null when there
   * is none.
   */
  private static String api(
      List<Import> imports, CertificationInput input, List<Finding> findings) {
    List<Import> api = imports.stream().filter(i -> ImportPolicy.isPlatformApi(i.pkg())).toList();
    if (api.isEmpty()) {
      findings.add(
          Finding.error(
              "api.none",
              "Import-Package names no com.ngx.api package, so this is not a plugin: a plugin"
                  + " implements the platform API (com.ngx.api.*) and imports it"));
      return null;
    }
    List<VersionRange> ranges = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Import i : api) {
      if (i.version() != null && i.range() == null) {
        continue;
      }
      VersionRange range =
          i.range() == null ? new VersionRange(Version.emptyVersion.toString()) : i.range();
      ranges.add(range);
      parts.add(i.pkg() + " " + range);
      Version platform = input.platformApiPackages().get(i.pkg());
      if (platform == null) {
        String message =
            "Import-Package names "
                + i.pkg()
                + (i.optional() ? " (optionally)" : "")
                + ", which the platform does not export: use only the platform's API packages"
                + (input.platformApiPackages().isEmpty()
                    ? ""
                    : " (" + String.join(", ", input.platformApiPackages().keySet()) + ")");
        findings.add(
            i.optional()
                ? Finding.warning("api.missing-package", message)
                : Finding.error("api.missing-package", message));
      } else if (!range.includes(platform)) {
        findings.add(
            Finding.error(
                "api.incompatible",
                "Import-Package needs "
                    + i.pkg()
                    + " in "
                    + range
                    + ", but the platform exports version "
                    + platform
                    + ": build the plugin against the platform's API, version "
                    + platform));
      }
    }
    if (ranges.isEmpty()) {
      return null;
    }
    VersionRange all =
        ranges.get(0).intersection(ranges.subList(1, ranges.size()).toArray(VersionRange[]::new));
    if (all.isEmpty()) {
      findings.add(
          Finding.error(
              "api.empty-range",
              "No platform API version satisfies every com.ngx.api import ("
                  + String.join(", ", parts)
                  + "): build against one version of the platform API"));
      return null;
    }
    findings.add(
        Finding.info(
            "api.range",
            "Works with platform API "
                + all
                + " (the intersection of its com.ngx.api imports: "
                + String.join(", ", parts)
                + ")"));
    return all.toString();
  }
}
