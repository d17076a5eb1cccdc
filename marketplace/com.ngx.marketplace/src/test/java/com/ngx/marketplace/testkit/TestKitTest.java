package com.ngx.marketplace.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The test kit itself: the jars it builds, and that the JDK verifies what it signs. */
class TestKitTest {
  static final TestSigner ACME = TestSigner.generate("CN=Acme Plugins");

  @Test
  void aPluginStartsWithAValidManifest() {
    Attributes main = PluginJar.plugin("webhook-x").manifest().getMainAttributes();

    assertEquals("2", main.getValue("Bundle-ManifestVersion"));
    assertEquals("test.webhook-x", main.getValue("Bundle-SymbolicName"));
    assertEquals("1.0.0", main.getValue("Bundle-Version"));
    assertEquals("webhook-x", main.getValue("NGX-Plugin-Id"));
    assertNotNull(main.getValue("NGX-Plugin-Name"));
    assertEquals("module", main.getValue("NGX-Plugin-Category"));
    assertEquals("com.ngx.api.plugin;version=\"[1.0,2)\"", main.getValue("Import-Package"));
  }

  @Test
  void buildsCompiledClassesAndResources() {
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .version("1.1.0")
            .removeHeader("NGX-Plugin-Name")
            .source(
                "com.example.Foo",
                "package com.example; public class Foo implements Runnable {"
                    + " public void run() { new Object() {}; } }")
            .resource("OSGI-INF/x.txt", "x")
            .bytes();

    assertNotNull(PluginJar.entry(jar, "com/example/Foo.class"));
    assertNotNull(PluginJar.entry(jar, "com/example/Foo$1.class"));
    assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), PluginJar.entry(jar, "OSGI-INF/x.txt"));
    String manifest =
        new String(PluginJar.entry(jar, "META-INF/MANIFEST.MF"), StandardCharsets.UTF_8);
    assertTrue(manifest.contains("Bundle-Version: 1.1.0"), manifest);
    assertTrue(!manifest.contains("NGX-Plugin-Name"), manifest);
    // the same inputs, the same jar
    assertArrayEquals(
        jar,
        PluginJar.plugin("webhook-x")
            .version("1.1.0")
            .removeHeader("NGX-Plugin-Name")
            .source(
                "com.example.Foo",
                "package com.example; public class Foo implements Runnable {"
                    + " public void run() { new Object() {}; } }")
            .resource("OSGI-INF/x.txt", "x")
            .bytes());
  }

  @Test
  void sourcesThatDoNotCompileSayWhy() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PluginJar.plugin("x")
                    .source("a.B", "package a; class B { int x = \"s\"; }")
                    .bytes());

    assertTrue(e.getMessage().contains("a/B.java:1"), e.getMessage());
  }

  @Test
  void theJdkVerifiesWhatItSigns() throws Exception {
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .source("com.example.Foo", "package com.example; public class Foo {}")
            .signedBy(ACME)
            .bytes();
    Path file = Files.createTempFile("signed-", ".jar");
    try {
      Files.write(file, jar);
      List<String> signed = new ArrayList<>();
      try (JarFile verified = new JarFile(file.toFile(), true)) {
        for (JarEntry entry : Collections.list(verified.entries())) {
          verified.getInputStream(entry).readAllBytes();
          CodeSigner[] signers = entry.getCodeSigners();
          if (signers != null && !entry.getName().startsWith("META-INF/")) {
            assertEquals(
                ACME.certificate(), signers[0].getSignerCertPath().getCertificates().get(0));
            signed.add(entry.getName());
          }
        }
      }
      assertEquals(List.of("com/example/Foo.class"), signed);
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void theCertificateRoundTripsThroughPem() throws Exception {
    String pem = ACME.pem();

    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));

    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
    assertEquals(ACME.certificate(), parsed);
    assertEquals("CN=Acme Plugins", parsed.getSubjectX500Principal().getName());
    assertEquals("RSA", parsed.getPublicKey().getAlgorithm());
    assertSame(ACME, TestSigner.generate("CN=Acme Plugins"));
    assertEquals(64, ACME.fingerprint().length());
  }

  @Test
  void editsJarsAfterTheFact() {
    byte[] jar = PluginJar.plugin("x").resource("a.txt", "a").bytes();

    byte[] replaced = PluginJar.withEntryReplaced(jar, "a.txt", new byte[] {1});
    byte[] added = PluginJar.withEntryAdded(jar, "b.txt", new byte[] {2});

    assertArrayEquals(new byte[] {1}, PluginJar.entry(replaced, "a.txt"));
    assertArrayEquals(new byte[] {2}, PluginJar.entry(added, "b.txt"));
    assertNull(PluginJar.entry(jar, "b.txt"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PluginJar.withEntryReplaced(jar, "c.txt", new byte[0]));
  }
}
