package com.ngx.marketplace.internal.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.marketplace.internal.certify.Finding.Severity;
import com.ngx.marketplace.testkit.PluginJar;
import com.ngx.marketplace.testkit.TestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Version;

/**
 * Every rule group of {@link StaticCertifier}, on real jars built, compiled and signed by the test
 * kit.
 */
class StaticCertifierTest {
  static final String ID = "webhook-x";
  static final TestSigner ACME = TestSigner.generate("CN=Acme Plugins");
  static final TestSigner STRANGER = TestSigner.generate("CN=Someone Else");
  static final StaticCertifier CERTIFIER = new StaticCertifier(ImportPolicy.defaults());
  static final Map<String, Version> PLATFORM =
      Map.of(
          "com.ngx.api.plugin", new Version(1, 0, 0),
          "com.ngx.api.lead", new Version(1, 2, 0),
          "com.ngx.api.tenant", new Version(1, 0, 0));

  static final String GREETER = "com.example.webhook.Greeter";
  static final String GREETER_SOURCE =
      """
      package com.example.webhook;

      import com.ngx.api.plugin.PluginContext;

      public final class Greeter {
        public String greet(PluginContext context) {
          context.data().put("greeted", "yes");
          return "Hello from " + context.pluginId();
        }
      }
      """;

  /** A good plugin, unsigned: every test changes one thing about it. */
  static PluginJar good() {
    return PluginJar.plugin(ID)
        .header("NGX-Plugin-Publisher", "Acme")
        .header("NGX-Plugin-Data", "Delivery log of every lead sent")
        .source(GREETER, GREETER_SOURCE);
  }

  static CertificationInput input() {
    return input(PLATFORM);
  }

  static CertificationInput input(Map<String, Version> platform) {
    return new CertificationInput(ID, null, List.of(), List.of(ACME.certificate()), platform);
  }

  /** Certifies the jar signed by the trusted signer. */
  static StaticReport check(PluginJar jar) {
    return CERTIFIER.check(jar.signedBy(ACME).bytes(), input());
  }

  static List<String> rules(StaticReport report) {
    return report.findings().stream().map(Finding::rule).toList();
  }

  static List<String> rules(StaticReport report, Severity severity) {
    return report.findings().stream()
        .filter(f -> f.severity() == severity)
        .map(Finding::rule)
        .toList();
  }

  static List<Finding> findings(StaticReport report, String rule) {
    return report.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  static String describe(StaticReport report) {
    return report.findings().stream()
        .map(f -> f.severity() + " " + f.rule() + ": " + f.message())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aGoodSignedPluginPassesWithItsFacts() {
    StaticReport report = check(good());

    assertFalse(report.hasErrors(), describe(report));
    assertEquals(List.of(), rules(report, Severity.WARNING), describe(report));
    assertEquals(List.of("api.range", "signature.valid"), rules(report, Severity.INFO));
    BundleFacts facts = report.facts();
    assertEquals("test.webhook-x", facts.symbolicName());
    assertEquals("1.0.0", facts.version());
    assertEquals(ID, facts.pluginId());
    assertEquals("Test plugin webhook-x", facts.name());
    assertEquals("module", facts.category());
    assertEquals("Acme", facts.publisher());
    assertEquals("Delivery log of every lead sent", facts.dataDescription());
    assertEquals("[1.0.0,2.0.0)", facts.apiRange());
    assertEquals(List.of("com.ngx.api.plugin"), facts.imports());
    assertEquals(ACME.fingerprint(), report.signerFingerprint());
    assertTrue(findings(report, "signature.valid").get(0).message().contains("CN=Acme Plugins"));
  }

  @Test
  void versionIsNormalizedAndOptionalHeadersMayBeAbsent() {
    StaticReport report =
        check(
            PluginJar.plugin(ID)
                .source(GREETER, GREETER_SOURCE)
                .version("1.2")
                .header("Bundle-SymbolicName", "test.webhook-x;singleton:=true"));

    assertFalse(report.hasErrors(), describe(report));
    assertEquals("1.2.0", report.facts().version());
    assertEquals("test.webhook-x", report.facts().symbolicName());
    assertNull(report.facts().publisher());
    assertNull(report.facts().dataDescription());
  }

  static Stream<Arguments> manifestCases() {
    return Stream.of(
        // the OSGi headers
        Arguments.of(
            "no Bundle-ManifestVersion",
            edit(j -> j.removeHeader("Bundle-ManifestVersion")),
            "manifest.manifest-version"),
        Arguments.of(
            "Bundle-ManifestVersion 1",
            edit(j -> j.header("Bundle-ManifestVersion", "1")),
            "manifest.manifest-version"),
        Arguments.of(
            "no Bundle-SymbolicName",
            edit(j -> j.removeHeader("Bundle-SymbolicName")),
            "manifest.symbolic-name"),
        Arguments.of(
            "a symbolic name with a space",
            edit(j -> j.header("Bundle-SymbolicName", "test web")),
            "manifest.symbolic-name"),
        Arguments.of(
            "no Bundle-Version", edit(j -> j.removeHeader("Bundle-Version")), "manifest.version"),
        Arguments.of("Bundle-Version 1.x", edit(j -> j.version("1.x")), "manifest.version"),
        // the plugin headers
        Arguments.of(
            "no NGX-Plugin-Id", edit(j -> j.removeHeader("NGX-Plugin-Id")), "manifest.plugin-id"),
        Arguments.of(
            "a malformed plugin id",
            edit(j -> j.header("NGX-Plugin-Id", "Webhook_X")),
            "manifest.plugin-id"),
        Arguments.of(
            "another listing's plugin id",
            edit(j -> j.header("NGX-Plugin-Id", "webhook-y")),
            "manifest.plugin-id"),
        Arguments.of(
            "no NGX-Plugin-Name",
            edit(j -> j.removeHeader("NGX-Plugin-Name")),
            "manifest.plugin-name"),
        Arguments.of(
            "an unknown category",
            edit(j -> j.header("NGX-Plugin-Category", "widgets")),
            "manifest.plugin-category"),
        Arguments.of(
            "no category",
            edit(j -> j.removeHeader("NGX-Plugin-Category")),
            "manifest.plugin-category"),
        // the headers no plugin may have
        Arguments.of(
            "Fragment-Host",
            edit(j -> j.header("Fragment-Host", "com.ngx.tenant")),
            "manifest.fragment-host"),
        Arguments.of(
            "Require-Bundle",
            edit(j -> j.header("Require-Bundle", "com.ngx.tenant")),
            "manifest.require-bundle"),
        Arguments.of(
            "DynamicImport-Package",
            edit(j -> j.header("DynamicImport-Package", "*")),
            "manifest.dynamic-import"),
        Arguments.of(
            "Bundle-NativeCode",
            edit(j -> j.header("Bundle-NativeCode", "lib/x.so; osname=Linux")),
            "manifest.native-code"),
        Arguments.of(
            "Export-Package",
            edit(j -> j.header("Export-Package", "com.example.webhook;version=1.0")),
            "manifest.export-package"),
        Arguments.of(
            "an embedded jar on Bundle-ClassPath",
            edit(j -> j.header("Bundle-ClassPath", ".,lib/dep.jar")),
            "manifest.bundle-classpath"),
        // allowed
        Arguments.of("Bundle-ClassPath '.'", edit(j -> j.header("Bundle-ClassPath", ".")), null),
        Arguments.of(
            "Bundle-Activator",
            edit(j -> j.header("Bundle-Activator", "com.example.webhook.Greeter")),
            null),
        Arguments.of("an empty Export-Package", edit(j -> j.header("Export-Package", " ")), null));
  }

  static UnaryOperator<PluginJar> edit(UnaryOperator<PluginJar> edit) {
    return edit;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifestCases")
  void manifestRules(String name, UnaryOperator<PluginJar> edit, String rule) {
    StaticReport report = check(edit.apply(good()));

    if (rule == null) {
      assertFalse(report.hasErrors(), describe(report));
    } else {
      assertEquals(List.of(rule), rules(report, Severity.ERROR), describe(report));
      assertNotNull(report.facts());
    }
  }

  @Test
  void forbiddenHeadersSayWhyAndWhatToDo() {
    StaticReport report =
        check(
            good()
                .header("Export-Package", "com.example.webhook")
                .header("Bundle-ClassPath", ".,lib/dep.jar"));

    String exports = findings(report, "manifest.export-package").get(0).message();
    assertTrue(exports.contains("refreshed") && exports.contains("Remove the header"), exports);
    String classPath = findings(report, "manifest.bundle-classpath").get(0).message();
    assertTrue(classPath.contains("lib/dep.jar") && classPath.contains("escape"), classPath);
  }

  @Test
  void aPluginIdMismatchNamesBothIds() {
    StaticReport report = check(good().header("NGX-Plugin-Id", "webhook-y"));

    String message = findings(report, "manifest.plugin-id").get(0).message();
    assertTrue(message.contains("webhook-y") && message.contains(ID), message);
    assertEquals("webhook-y", report.facts().pluginId());
  }

  static Stream<Arguments> versionCases() {
    return Stream.of(
        // the first version
        Arguments.of("1.0.0", List.of(), null, List.of()),
        // an upgrade
        Arguments.of("1.3.0", List.of("0.9.0", "1.2.0"), "test.webhook-x", List.of()),
        // the same version again, spelled differently
        Arguments.of("1.0", List.of("1.0.0"), null, List.of("version.not-greater")),
        // lower than the highest earlier version, whatever their order
        Arguments.of("1.1.0", List.of("1.2.0", "0.9.0"), null, List.of("version.not-greater")),
        // the symbolic name changed between versions
        Arguments.of(
            "1.1.0",
            List.of("1.0.0"),
            "com.acme.webhook",
            List.of("version.symbolic-name-changed")),
        // an unparseable earlier version is ignored
        Arguments.of("1.1.0", List.of("garbage", "1.0.0"), null, List.of()));
  }

  @ParameterizedTest(name = "{0} after {1}, symbolic name before {2}")
  @MethodSource("versionCases")
  void versionRules(
      String version, List<String> previous, String previousName, List<String> errors) {
    CertificationInput input =
        new CertificationInput(ID, previousName, previous, List.of(ACME.certificate()), PLATFORM);

    StaticReport report = CERTIFIER.check(good().version(version).signedBy(ACME).bytes(), input);

    assertEquals(errors, rules(report, Severity.ERROR), describe(report));
  }

  @Test
  void aVersionNotGreaterSaysWhichVersionToBeat() {
    CertificationInput input =
        new CertificationInput(
            ID, null, List.of("1.2.0", "1.4.1"), List.of(ACME.certificate()), PLATFORM);

    StaticReport report = CERTIFIER.check(good().version("1.4.0").signedBy(ACME).bytes(), input);

    String message = findings(report, "version.not-greater").get(0).message();
    assertTrue(message.contains("1.4.0") && message.contains("1.4.1"), message);
  }

  @Test
  void aQualifiedVersionIsAWarning() {
    StaticReport report = check(good().version("1.1.0.beta1"));

    assertFalse(report.hasErrors(), describe(report));
    assertEquals(List.of("version.qualifier"), rules(report, Severity.WARNING));
  }

  static Stream<Arguments> importCases() {
    return Stream.of(
        // a platform-internal package, whatever the policy
        Arguments.of(
            "com.ngx.tenant.internal;version=\"[1.0,2)\"",
            List.of("imports.platform-internal"),
            List.of()),
        Arguments.of(
            "com.ngx.marketplace;version=\"[0.1,1)\"",
            List.of("imports.platform-internal"),
            List.of()),
        // a library that is not allowed, optional or not
        Arguments.of(
            "org.apache.commons.io;version=\"[2.0,3)\"", List.of("imports.not-allowed"), List.of()),
        Arguments.of(
            "org.apache.commons.io;resolution:=optional;version=\"[2.0,3)\"",
            List.of("imports.not-allowed"),
            List.of()),
        // allowed: the JDK, OSGi, SLF4J, Jackson
        Arguments.of(
            "java.util.concurrent,javax.net.ssl;version=\"[1.0,2)\","
                + "org.osgi.framework;version=\"[1.10,2)\",org.slf4j;version=\"[1.7,2)\","
                + "com.fasterxml.jackson.databind;version=\"[2.18,3)\"",
            List.of(),
            List.of()),
        // without a version range
        Arguments.of("org.slf4j", List.of(), List.of("imports.unversioned")),
        // without an upper bound
        Arguments.of("org.slf4j;version=1.7", List.of(), List.of("imports.open-range")),
        // several packages sharing one range, a comma inside the quotes
        Arguments.of(
            "org.osgi.framework;org.osgi.util.tracker;version=\"[1.5,2)\"", List.of(), List.of()),
        // broken syntax
        Arguments.of(
            "org.slf4j;version=\"[1.7,2)", List.of("imports.syntax", "api.none"), List.of()),
        Arguments.of("org.slf4j.*", List.of("imports.syntax"), List.of()),
        Arguments.of(
            "org.slf4j;version=\"[1.7,2)\",org.slf4j;version=\"[1.7,2)\"",
            List.of("imports.duplicate"),
            List.of()),
        Arguments.of("org.slf4j;version=\"[1.7,two)\"", List.of("imports.bad-version"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("importCases")
  void importRules(String imports, List<String> errors, List<String> warnings) {
    StaticReport report =
        check(good().header("Import-Package", PluginJar.DEFAULT_IMPORTS + "," + imports));

    assertEquals(errors, rules(report, Severity.ERROR), describe(report));
    assertEquals(warnings, rules(report, Severity.WARNING), describe(report));
  }

  @Test
  void importFindingsNameThePackage() {
    StaticReport report =
        check(
            good()
                .header(
                    "Import-Package",
                    PluginJar.DEFAULT_IMPORTS
                        + ",com.ngx.tenant.internal;version=\"[1,2)\""
                        + ",org.apache.commons.io;version=\"[2,3)\",org.slf4j"));

    String internal = findings(report, "imports.platform-internal").get(0).message();
    assertTrue(
        internal.contains("com.ngx.tenant.internal")
            && internal.contains("only")
            && internal.contains("com.ngx.api"),
        internal);
    assertTrue(
        findings(report, "imports.not-allowed").get(0).message().contains("org.apache.commons.io"));
    assertTrue(findings(report, "imports.unversioned").get(0).message().contains("org.slf4j"));
    assertEquals(
        List.of(
            "com.ngx.api.plugin", "com.ngx.tenant.internal", "org.apache.commons.io", "org.slf4j"),
        report.facts().imports());
  }

  @Test
  void anOperatorMayAllowMoreButNeverThePlatformInternals() {
    StaticCertifier lenient =
        new StaticCertifier(
            new ImportPolicy(List.of("com.ngx.api", "org.apache.commons.io", "com.ngx.tenant")));
    byte[] jar =
        good()
            .header(
                "Import-Package",
                PluginJar.DEFAULT_IMPORTS
                    + ",org.apache.commons.io;version=\"[2,3)\",com.ngx.tenant;version=\"[1,2)\"")
            .signedBy(ACME)
            .bytes();

    StaticReport report = lenient.check(jar, input());

    assertEquals(
        List.of("imports.platform-internal"), rules(report, Severity.ERROR), describe(report));
  }

  static Stream<Arguments> apiCases() {
    return Stream.of(
        // the intersection of two packages' ranges
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.lead;version=\"[1.2,1.5)\"",
            PLATFORM,
            "[1.2.0,1.5.0)",
            List.of()),
        // an unversioned API import counts from 0.0.0
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.lead",
            PLATFORM,
            "[1.0.0,2.0.0)",
            List.of()),
        // the platform moved on to 2.0.0
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\"",
            Map.of("com.ngx.api.plugin", new Version(2, 0, 0)),
            "[1.0.0,2.0.0)",
            List.of("api.incompatible")),
        // a package the platform does not have
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.teleport;version=\"[1.0,2)\"",
            PLATFORM,
            "[1.0.0,2.0.0)",
            List.of("api.missing-package")),
        // ranges with nothing in common
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\",com.ngx.api.lead;version=\"[2.0,3)\"",
            PLATFORM,
            null,
            List.of("api.incompatible", "api.empty-range")),
        // no platform API at all: not a plugin
        Arguments.of("org.slf4j;version=\"[1.7,2)\"", PLATFORM, null, List.of("api.none")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiCases")
  void apiRules(String imports, Map<String, Version> platform, String range, List<String> errors) {
    byte[] jar = good().header("Import-Package", imports).signedBy(ACME).bytes();

    StaticReport report = CERTIFIER.check(jar, input(platform));

    assertEquals(errors, rules(report, Severity.ERROR), describe(report));
    assertEquals(range, report.facts().apiRange());
    assertEquals(
        range == null ? List.of() : List.of(range),
        findings(report, "api.range").stream().map(f -> f.message().split(" ")[4]).toList());
  }

  @Test
  void anIncompatibleApiSaysWhatThePlatformHas() {
    byte[] jar = good().signedBy(ACME).bytes();

    StaticReport report =
        CERTIFIER.check(jar, input(Map.of("com.ngx.api.plugin", new Version(2, 0, 0))));

    String message = findings(report, "api.incompatible").get(0).message();
    assertTrue(
        message.contains("com.ngx.api.plugin")
            && message.contains("[1.0.0,2.0.0)")
            && message.contains("2.0.0"),
        message);
  }

  @Test
  void everyGroupRunsAndReportsInOrder() {
    CertificationInput input =
        new CertificationInput(
            ID, "test.other", List.of("2.0.0"), List.of(ACME.certificate()), PLATFORM);
    byte[] jar =
        good()
            .header("Export-Package", "com.example.webhook")
            .header("Import-Package", "org.apache.commons.io;version=\"[2,3)\"")
            .source(
                "com.example.webhook.Quit",
                "package com.example.webhook; class Quit { void q() { System.exit(1); } }")
            .bytes();

    StaticReport report = CERTIFIER.check(jar, input);

    assertEquals(
        List.of(
            "manifest.export-package",
            "version.not-greater",
            "version.symbolic-name-changed",
            "imports.not-allowed",
            "api.none",
            "bytecode.forbidden",
            "signature.missing"),
        rules(report));
    assertNull(report.signerFingerprint());
  }

  static Stream<Arguments> artifactCases() {
    return Stream.of(
        // nothing uploaded
        Arguments.of("empty", new byte[0], "artifact.unreadable"),
        Arguments.of("null", null, "artifact.unreadable"),
        // not a zip
        Arguments.of(
            "text", "hello, world".getBytes(StandardCharsets.UTF_8), "artifact.unreadable"),
        // a truncated jar
        Arguments.of("truncated", truncated(), "artifact.unreadable"),
        // a zip without a manifest
        Arguments.of(
            "no manifest",
            RawZip.stored(Map.of("com/example/A.class", new byte[] {1})),
            "artifact.no-manifest"),
        // entry names that climb out or are absolute
        Arguments.of(
            "../",
            PluginJar.withEntryAdded(PluginJar.plugin(ID).bytes(), "../../evil.sh", new byte[1]),
            "artifact.path"),
        Arguments.of(
            "absolute",
            PluginJar.withEntryAdded(PluginJar.plugin(ID).bytes(), "/etc/cron.d/x", new byte[1]),
            "artifact.path"),
        Arguments.of(
            "backslashes",
            PluginJar.withEntryAdded(PluginJar.plugin(ID).bytes(), "a\\..\\..\\x", new byte[1]),
            "artifact.path"));
  }

  static byte[] truncated() {
    byte[] jar = good().bytes();
    return java.util.Arrays.copyOf(jar, jar.length / 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("artifactCases")
  void anUnreadableArtifactStopsTheCheck(String name, byte[] artifact, String rule) {
    StaticReport report = CERTIFIER.check(artifact, input());

    assertEquals(List.of(rule), rules(report), describe(report));
    assertNull(report.facts());
    assertTrue(report.hasErrors());
  }

  static Stream<Arguments> bytecodeCases() {
    return Stream.of(
        // ending the JVM, from an activator
        Arguments.of(
            "ExitActivator",
            """
            import org.osgi.framework.BundleActivator;
            import org.osgi.framework.BundleContext;
            public class ExitActivator implements BundleActivator {
              public void start(BundleContext context) {
                System.exit(0);
              }
              public void stop(BundleContext context) {}
            }
            """,
            "java.lang.System#exit(int)",
            5),
        // running a process
        Arguments.of(
            "Exec",
            """
            public class Exec {
              void run() throws Exception {
                Runtime.getRuntime().exec("ls");
              }
            }
            """,
            "java.lang.Runtime#exec(**)",
            3),
        Arguments.of(
            "Builder",
            """
            public class Builder {
              void run() throws Exception {
                new ProcessBuilder("ls").start();
              }
            }
            """,
            "java.lang.ProcessBuilder",
            3),
        // reflection
        Arguments.of(
            "Accessible",
            """
            public class Accessible {
              Object steal(Object o) throws Exception {
                java.lang.reflect.Field f = o.getClass().getDeclaredField("secret");
                f.setAccessible(true);
                return f.get(o);
              }
            }
            """,
            "java.lang.reflect.AccessibleObject#setAccessible(**)",
            4),
        Arguments.of(
            "ByName",
            """
            public class ByName {
              Class<?> load() throws Exception {
                return Class.forName("com.ngx.tenant.internal.Tenants");
              }
            }
            """,
            "java.lang.Class#forName(**)",
            3),
        // threads
        Arguments.of(
            "Spawner",
            """
            public class Spawner {
              void spawn() {
                new Thread(() -> {}).start();
              }
            }
            """,
            "java.lang.Thread#<init>(**)",
            3),
        Arguments.of(
            "Pool",
            """
            public class Pool {
              Object pool() {
                return java.util.concurrent.Executors.newFixedThreadPool(4);
              }
            }
            """,
            "java.util.concurrent.Executors#newFixedThreadPool(**)",
            3),
        // files
        Arguments.of(
            "Reader",
            """
            public class Reader {
              Object read() throws Exception {
                return new java.io.FileInputStream("/etc/passwd");
              }
            }
            """,
            "java.io.FileInputStream",
            3),
        Arguments.of(
            "Nio",
            """
            import java.nio.file.Files;
            import java.nio.file.Path;
            public class Nio {
              String read() throws Exception {
                return Files.readString(Path.of("/etc/passwd"));
              }
            }
            """,
            "java.nio.file.Files",
            5),
        // JVM-wide state
        Arguments.of(
            "Props",
            """
            public class Props {
              void set() {
                System.setProperty("user.home", "/tmp");
              }
            }
            """,
            "java.lang.System#setProperty(**)",
            3),
        // other bundles
        Arguments.of(
            "Installer",
            """
            import org.osgi.framework.BundleContext;
            public class Installer {
              void install(BundleContext context) throws Exception {
                context.installBundle("file:/tmp/evil.jar");
              }
            }
            """,
            "org.osgi.framework.BundleContext#installBundle(**)",
            4),
        // a method reference hides no call
        Arguments.of(
            "Reference",
            """
            import java.util.function.IntConsumer;
            public class Reference {
              IntConsumer quit() {
                return System::exit;
              }
            }
            """,
            "java.lang.System#exit(int)",
            4),
        // JDK internals, reachable without an import through boot delegation
        Arguments.of(
            "Internal",
            """
            public class Internal {
              Object unsafe() throws Exception {
                return sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
              }
            }
            """,
            "sun.misc.Unsafe",
            3));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("bytecodeCases")
  void forbiddenApisAreFoundInTheirClass(String simpleName, String source, String api, int line) {
    String className = "com.example.webhook." + simpleName;
    StaticReport report =
        check(good().source(className, "package com.example.webhook;\n" + source));

    List<String> messages =
        findings(report, "bytecode.forbidden").stream().map(Finding::message).toList();
    String expected = className + " (" + simpleName + ".java:" + (line + 1) + ")";
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith(expected) && m.contains(" " + api + ",")),
        expected + " " + api + " in " + messages);
    // nothing but the bytecode rules fails
    assertTrue(
        rules(report, Severity.ERROR).stream().allMatch(r -> r.equals("bytecode.forbidden")),
        describe(report));
  }

  @Test
  void aForbiddenApiFindingGivesTheReason() {
    StaticReport report =
        check(
            good()
                .source(
                    "com.example.webhook.Quit",
                    "package com.example.webhook;\n"
                        + "class Quit {\n"
                        + "  void q() {\n"
                        + "    System.exit(1);\n"
                        + "  }\n"
                        + "}\n"));

    assertEquals(
        "com.example.webhook.Quit (Quit.java:4) calls java.lang.System#exit(int), a forbidden API:"
            + " Plugins must not end or halt the JVM, which runs the whole platform and every"
            + " tenant: throw an exception to report a failure",
        findings(report, "bytecode.forbidden").get(0).message());
  }

  @Test
  void aCleanClassHasNoBytecodeFindings() {
    String clean =
        """
        package com.example.webhook;
        import java.util.List;
        import java.util.concurrent.CompletableFuture;
        import org.osgi.framework.BundleContext;
        public class Clean {
          private final StringBuilder log = new StringBuilder();
          String describe(BundleContext context, List<String> names) {
            log.append(context.getBundle().getSymbolicName());
            names.forEach(log::append);
            String name = Thread.currentThread().getName();
            return CompletableFuture.completedFuture(log.toString()).join() + name;
          }
        }
        """;

    StaticReport report = check(good().source("com.example.webhook.Clean", clean));

    assertFalse(report.hasErrors(), describe(report));
  }

  @Test
  void suppressForbiddenDoesNotExemptAPlugin() {
    StaticReport report =
        check(
            good()
                .source(
                    "com.example.webhook.Sneaky",
                    """
                    package com.example.webhook;
                    @de.thetaphi.forbiddenapis.SuppressForbidden
                    public class Sneaky {
                      void quit() {
                        System.exit(1);
                      }
                    }
                    """));

    assertEquals(
        List.of("bytecode.suppressed", "bytecode.forbidden"),
        rules(report, Severity.ERROR),
        describe(report));
  }

  @Test
  void bytecodeFindingsAreCapped() {
    StringBuilder source =
        new StringBuilder("package com.example.webhook;\nclass Many {\n  void quit() {\n");
    for (int i = 0; i < 250; i++) {
      source.append("    System.exit(").append(i).append(");\n");
    }
    source.append("  }\n}\n");

    StaticReport report = check(good().source("com.example.webhook.Many", source.toString()));

    List<Finding> found = findings(report, "bytecode.forbidden");
    assertEquals(BytecodeScan.MAX_FINDINGS + 1, found.size());
    assertEquals(
        "… and 50 more uses of forbidden APIs, not listed", found.get(found.size() - 1).message());
  }

  static Stream<Arguments> signatureCases() {
    byte[] signed = good().signedBy(ACME).bytes();
    String greeter = GREETER.replace('.', '/') + ".class";
    String manifest =
        new String(PluginJar.entry(signed, "META-INF/MANIFEST.MF"), StandardCharsets.UTF_8);
    return Stream.of(
        // unsigned
        Arguments.of("unsigned", good().bytes(), List.of("signature.missing"), false),
        // validly signed by someone the publisher did not register
        Arguments.of(
            "untrusted", good().signedBy(STRANGER).bytes(), List.of("signature.untrusted"), true),
        // a class changed after signing, the signature files kept
        Arguments.of(
            "tampered",
            PluginJar.withEntryReplaced(
                signed,
                greeter,
                PluginJar.entry(
                    PluginJar.plugin(ID)
                        .source(GREETER, GREETER_SOURCE.replace("Hello", "Bye"))
                        .bytes(),
                    greeter)),
            List.of("signature.invalid"),
            false),
        // a header changed after signing
        Arguments.of(
            "manifest edited",
            PluginJar.withEntryReplaced(
                signed,
                "META-INF/MANIFEST.MF",
                manifest.replace("Test plugin", "Best plugin").getBytes(StandardCharsets.UTF_8)),
            List.of("signature.invalid"),
            false),
        // a class added after signing
        Arguments.of(
            "partially signed",
            PluginJar.withEntryAdded(signed, "com/example/webhook/Extra.txt", new byte[] {1, 2, 3}),
            List.of("signature.partial"),
            true),
        // signed twice, by two signers
        Arguments.of(
            "two signers", STRANGER.sign(signed), List.of("signature.multiple-signers"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureCases")
  void signatureRules(String name, byte[] jar, List<String> errors, boolean fingerprinted) {
    StaticReport report = CERTIFIER.check(jar, input());

    assertEquals(errors, rules(report, Severity.ERROR), describe(report));
    assertEquals(fingerprinted, report.signerFingerprint() != null, describe(report));
  }

  @Test
  void anUntrustedSignerIsNamedWithItsFingerprint() {
    StaticReport report = CERTIFIER.check(good().signedBy(STRANGER).bytes(), input());

    String message = findings(report, "signature.untrusted").get(0).message();
    assertTrue(
        message.contains("CN=Someone Else") && message.contains(STRANGER.fingerprint()), message);
    assertEquals(STRANGER.fingerprint(), report.signerFingerprint());
  }

  @Test
  void anExpiredCertificateIsAWarning() {
    Instant now = Instant.now();
    TestSigner old =
        TestSigner.generate(
            "CN=Old Acme", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(30)));
    CertificationInput input =
        new CertificationInput(ID, null, List.of(), List.of(old.certificate()), PLATFORM);

    StaticReport report = CERTIFIER.check(good().signedBy(old).bytes(), input);

    assertFalse(report.hasErrors(), describe(report));
    assertEquals(List.of("signature.expired"), rules(report, Severity.WARNING));
    assertEquals(old.fingerprint(), report.signerFingerprint());
  }

  @Test
  void nullInputListsAreEmpty() {
    CertificationInput input = new CertificationInput(ID, null, null, null, null);

    StaticReport report = CERTIFIER.check(good().signedBy(ACME).bytes(), input);

    assertEquals(
        List.of("api.missing-package", "signature.untrusted"),
        rules(report, Severity.ERROR),
        describe(report));
  }
}
