package com.ngx.marketplace.internal.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.marketplace.testkit.PluginJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code artifact.*} rules: reading a jar both ways, and what makes it unreadable. */
class JarContentsTest {
  static final byte[] MANIFEST =
      "Manifest-Version: 1.0\r\nBundle-SymbolicName: x\r\n\r\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] CLEAN = "clean".getBytes(StandardCharsets.UTF_8);
  static final byte[] EVIL = "evil!".getBytes(StandardCharsets.UTF_8);

  static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::rule).toList();
  }

  @Test
  void readsAPluginJar() {
    List<Finding> findings = new ArrayList<>();
    byte[] jar =
        PluginJar.plugin("webhook-x")
            .source("com.example.A", "package com.example; class A {}")
            .resource("OSGI-INF/settings.xml", "<x/>")
            .bytes();

    JarContents contents = JarContents.read(jar, findings);

    assertNotNull(contents);
    assertEquals(List.of(), findings);
    assertEquals(
        List.of("META-INF/MANIFEST.MF", "OSGI-INF/settings.xml", "com/example/A.class"),
        contents.names());
    assertEquals(List.of("com/example/A.class"), List.copyOf(contents.classes().keySet()));
    assertEquals(
        "test.webhook-x", contents.manifest().getMainAttributes().getValue("Bundle-SymbolicName"));
  }

  @Test
  void readsAZipThatOnlyItsEntriesDescribe() {
    List<Finding> findings = new ArrayList<>();

    JarContents contents =
        JarContents.read(
            new RawZip().entry("META-INF/MANIFEST.MF", MANIFEST).entry("a.txt", CLEAN).bytes(),
            findings);

    assertNotNull(contents, findings.toString());
  }

  static Stream<Arguments> inconsistentZips() {
    return Stream.of(
        // an entry after bytes that stop a reader going through the entries in order
        Arguments.of(
            "hidden entry",
            new RawZip()
                .entry("META-INF/MANIFEST.MF", MANIFEST)
                .entry("a.txt", CLEAN)
                .junk(new byte[] {'X', 'X', 3, 4})
                .entry("b.class", EVIL)
                .bytes(),
            List.of("artifact.inconsistent")),
        // the same name twice, the central directory pointing at the hidden copy
        Arguments.of(
            "swapped content",
            new RawZip()
                .entry("META-INF/MANIFEST.MF", MANIFEST)
                .entry("a.class", CLEAN, false)
                .junk(new byte[] {'X', 'X', 3, 4})
                .entry("a.class", EVIL)
                .bytes(),
            List.of("artifact.inconsistent")),
        // an entry the central directory leaves out
        Arguments.of(
            "unlisted entry",
            new RawZip()
                .entry("META-INF/MANIFEST.MF", MANIFEST)
                .entry("a.txt", CLEAN)
                .entry("b.class", EVIL, false)
                .bytes(),
            List.of("artifact.inconsistent")),
        // two entries of one name
        Arguments.of(
            "duplicate",
            new RawZip()
                .entry("META-INF/MANIFEST.MF", MANIFEST)
                .entry("a.class", CLEAN)
                .entry("a.class", EVIL)
                .bytes(),
            List.of("artifact.duplicate-entry", "artifact.inconsistent")),
        // a second manifest, spelled differently, for JarInputStream to take instead
        Arguments.of(
            "two manifests",
            new RawZip()
                .entry("meta-inf/manifest.mf", MANIFEST)
                .entry("META-INF/MANIFEST.MF", MANIFEST)
                .bytes(),
            List.of("artifact.duplicate-entry", "artifact.inconsistent")),
        // bytes before the first entry
        Arguments.of("prefixed", prefixed(), List.of("artifact.unreadable")));
  }

  static byte[] prefixed() {
    byte[] zip = new RawZip().entry("META-INF/MANIFEST.MF", MANIFEST).bytes();
    byte[] out = new byte[zip.length + 4];
    System.arraycopy(zip, 0, out, 4, zip.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inconsistentZips")
  void rejectsZipsThatReadDifferentlyEachWay(String name, byte[] zip, List<String> rules) {
    List<Finding> findings = new ArrayList<>();

    assertNull(JarContents.read(zip, findings));
    assertEquals(rules, rules(findings));
  }

  @Test
  void rejectsTooManyEntries() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write(MANIFEST);
      for (int i = 0; i < JarContents.MAX_ENTRIES; i++) {
        zip.putNextEntry(new ZipEntry("r/" + i));
      }
    }
    List<Finding> findings = new ArrayList<>();

    assertNull(JarContents.read(out.toByteArray(), findings));
    assertEquals(List.of("artifact.too-many-entries"), rules(findings));
  }

  @Test
  void acceptsTheMostEntries() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write(MANIFEST);
      for (int i = 1; i < JarContents.MAX_ENTRIES; i++) {
        zip.putNextEntry(new ZipEntry("r/" + i));
      }
    }
    List<Finding> findings = new ArrayList<>();

    assertNotNull(JarContents.read(out.toByteArray(), findings), findings.toString());
  }

  @Test
  void rejectsAZipBomb() throws IOException {
    long limit = 8 << 20;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write(MANIFEST);
      zip.putNextEntry(new ZipEntry("zeros"));
      for (long written = 0; written <= limit; written += zeros.length) {
        zip.write(zeros);
      }
    }
    List<Finding> findings = new ArrayList<>();

    assertNull(JarContents.read(out.toByteArray(), findings, limit));
    assertEquals(List.of("artifact.too-large"), rules(findings));
    assertNotNull(JarContents.read(out.toByteArray(), new ArrayList<>(), 2 * limit));
  }

  @Test
  void anUnparseableManifestIsAnArtifactError() {
    List<Finding> findings = new ArrayList<>();
    byte[] manifest =
        ("Manifest-Version: 1.0\r\n" + "X-Long: " + "x".repeat(600) + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);

    assertNull(
        JarContents.read(new RawZip().entry("META-INF/MANIFEST.MF", manifest).bytes(), findings));
    assertEquals(List.of("artifact.manifest-unreadable"), rules(findings));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    // ordinary names
    "com/example/A.class, false",
    "META-INF/MANIFEST.MF, false",
    "a/b..c/d.txt, false",
    "..foo, false",
    // climbing out
    "../x, true",
    "a/../../x, true",
    "a\\..\\x, true",
    "a/.., true",
    // absolute
    "/etc/passwd, true",
    "\\windows\\x, true",
    "C:/x, true",
    "c:x, true"
  })
  void unsafeNames(String name, boolean unsafe) {
    assertEquals(unsafe, JarContents.isUnsafe(name));
  }

  @Test
  void listsTenNamesAtMost() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      names.add("e" + i);
    }

    assertEquals("e0, e1", JarContents.listed(names.subList(0, 2)));
    String listed = JarContents.listed(names);
    assertTrue(listed.endsWith("e9 (and 2 more)"), listed);
    assertFalse(listed.contains("e10"));
  }
}
