package com.ngx.marketplace.internal.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.marketplace.testkit.PluginJar;
import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.Logger;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forbidden-API scan: its signatures, its messages and the class loader it is given. */
class BytecodeScanTest {

  /**
   * Every signature resolves where every class exists: a typo would otherwise be skipped silently.
   */
  @Test
  void everySignatureResolvesOnTheTestClassPath() throws Exception {
    List<String> warnings = new ArrayList<>();
    Logger logger =
        new Logger() {
          @Override
          public void error(String message) {
            warnings.add(message);
          }

          @Override
          public void warn(String message) {
            warnings.add(message);
          }

          @Override
          public void info(String message) {}

          @Override
          public void debug(String message) {}
        };
    Checker checker =
        new Checker(
            logger, getClass().getClassLoader(), Checker.Option.FAIL_ON_UNRESOLVABLE_SIGNATURES);
    try (InputStream in = BytecodeScan.class.getResourceAsStream(BytecodeScan.SIGNATURES)) {
      checker.parseSignaturesString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    assertEquals(List.of(), warnings);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a method, with the line
        "Forbidden method invocation: java.lang.System#exit(int) [Do not]|com.a.B"
            + " (B.java:4)|com.a.B (B.java:4) calls java.lang.System#exit(int), a forbidden API: Do"
            + " not",
        // a class, with the kind of use
        "Forbidden class/interface use: java.io.File [No files]|com.a.B (B.java, class"
            + " declaration)|com.a.B (B.java, class declaration) uses java.io.File, a forbidden"
            + " API: No files",
        // a field, no reason
        "Forbidden field access: java.lang.System#out|com.a.B|com.a.B accesses"
            + " java.lang.System#out, a forbidden API"
      })
  void describesAViolation(String violation, String location, String message) {
    assertEquals(message, BytecodeScan.describe(violation, location));
  }

  @Test
  void readsAClassName() {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .source(
                "com.example.A",
                """
                package com.example;
                class A {
                  static final long L = 1L << 40;
                  static final double D = 0.5;
                  Runnable r = () -> System.out.println("x" + L + D);
                }
                """)
            .bytes();
    classes.put("A", PluginJar.entry(jar, "com/example/A.class"));

    assertEquals("com/example/A", BytecodeScan.internalName(classes.get("A")));
    assertNull(BytecodeScan.internalName(new byte[] {(byte) 0xCA, (byte) 0xFE}));
    assertNull(BytecodeScan.internalName("not a class".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signaturesOfClassesTheLoaderCannotSeeAreSkipped() throws Exception {
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .source(
                "com.example.A",
                """
                package com.example;
                class A {
                  void a(org.osgi.framework.BundleContext context) throws Exception {
                    context.installBundle("file:/tmp/x.jar");
                    System.exit(1);
                  }
                }
                """)
            .bytes();
    List<Finding> findings = new ArrayList<>();
    // as inside OSGi for a bundle that does not import org.osgi.framework: the JDK only
    try (URLClassLoader jdkOnly =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      new BytecodeScan(jdkOnly)
          .scan(
              Map.of("com/example/A.class", PluginJar.entry(jar, "com/example/A.class")), findings);
    }

    assertEquals(1, findings.size(), findings.toString());
    assertTrue(
        findings.get(0).message().contains("java.lang.System#exit(int)"), findings.toString());
  }

  @Test
  void jdkSignaturesHoldWhereTheBundleSeesOnlyWhatItImports() throws Exception {
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .source(
                "com.example.A",
                """
                package com.example;
                class A {
                  void a(org.osgi.framework.BundleContext context) throws Exception {
                    context.installBundle("file:/tmp/x.jar");
                    javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true);
                  }
                }
                """)
            .bytes();
    List<Finding> findings = new ArrayList<>();
    // as a bundle's class loader that imports org.osgi.framework: java.* and that package only
    ClassLoader app = getClass().getClassLoader();
    ClassLoader bundle =
        new ClassLoader(null) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.")) {
              return super.loadClass(name, resolve);
            }
            if (name.startsWith("org.osgi.framework.")) {
              return app.loadClass(name);
            }
            throw new ClassNotFoundException(name);
          }

          @Override
          public URL getResource(String name) {
            return name.startsWith("java/") || name.startsWith("org/osgi/framework/")
                ? app.getResource(name)
                : null;
          }
        };

    new BytecodeScan(bundle)
        .scan(Map.of("com/example/A.class", PluginJar.entry(jar, "com/example/A.class")), findings);

    List<String> messages = findings.stream().map(Finding::message).toList();
    assertEquals(2, messages.size(), messages.toString());
    assertTrue(messages.get(0).contains("BundleContext#installBundle(**)"), messages.toString());
    assertTrue(
        messages.get(1).contains("HttpsURLConnection#setDefaultHostnameVerifier(**)"),
        messages.toString());
  }

  @Test
  void anUnreadableClassIsAFinding() {
    List<Finding> findings = new ArrayList<>();

    new BytecodeScan().scan(Map.of("com/example/A.class", new byte[] {1, 2, 3}), findings);

    assertEquals(List.of("bytecode.unreadable"), findings.stream().map(Finding::rule).toList());
  }

  @Test
  void scansBothCopiesOfAMultiReleaseClass() {
    byte[] clean =
        PluginJar.entry(
            PluginJar.plugin("webhook-x")
                .source("com.example.A", "package com.example; class A {}")
                .bytes(),
            "com/example/A.class");
    byte[] bad =
        PluginJar.entry(
            PluginJar.plugin("webhook-x")
                .source(
                    "com.example.A",
                    "package com.example; class A { void q() { System.exit(1); } }")
                .bytes(),
            "com/example/A.class");
    Map<String, byte[]> classes = new LinkedHashMap<>();
    classes.put("com/example/A.class", clean);
    classes.put("META-INF/versions/17/com/example/A.class", bad);
    List<Finding> findings = new ArrayList<>();

    new BytecodeScan().scan(classes, findings);

    assertEquals(List.of("bytecode.forbidden"), findings.stream().map(Finding::rule).toList());
  }
}
