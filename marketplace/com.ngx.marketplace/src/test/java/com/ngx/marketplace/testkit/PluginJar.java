package com.ngx.marketplace.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A builder of plugin jars for tests: a valid plugin manifest to start from, Java sources compiled
 * in memory, resources, and optionally a signature.
 *
 * <pre>
 * byte[] jar = PluginJar.plugin("webhook-x")
 *     .version("1.1.0")
 *     .source("com.example.Foo", "package com.example; public class Foo {}")
 *     .signedBy(TestSigner.generate("CN=Acme Plugins"))
 *     .bytes();
 * </pre>
 */
public final class PluginJar {
  /** The Import-Package a plugin starts with: the plugin API, version 1. */
  public static final String DEFAULT_IMPORTS = "com.ngx.api.plugin;version=\"[1.0,2)\"";

  // a fixed time for every entry: the same inputs make the same jar
  private static final long ENTRY_TIME = 1_767_225_600_000L;

  private final Manifest manifest = new Manifest();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();
  private TestSigner signer;

  private PluginJar() {
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
  }

  /**
   * A valid plugin {@code id}: Bundle-ManifestVersion 2, Bundle-SymbolicName {@code test.<id>},
   * Bundle-Version 1.0.0, NGX-Plugin-Id, NGX-Plugin-Name and NGX-Plugin-Category ({@code module}),
   * and an Import-Package of {@link #DEFAULT_IMPORTS}. It has no classes until {@link #source} adds
   * some.
   */
  public static PluginJar plugin(String id) {
    return new PluginJar()
        .header("Bundle-ManifestVersion", "2")
        .header("Bundle-SymbolicName", "test." + id)
        .header("Bundle-Version", "1.0.0")
        .header("NGX-Plugin-Id", id)
        .header("NGX-Plugin-Name", "Test plugin " + id)
        .header("NGX-Plugin-Category", "module")
        .header("Import-Package", DEFAULT_IMPORTS);
  }

  /** Sets a main manifest header, replacing its value. */
  public PluginJar header(String name, String value) {
    manifest.getMainAttributes().putValue(name, Objects.requireNonNull(value, "value"));
    return this;
  }

  public PluginJar removeHeader(String name) {
    manifest.getMainAttributes().remove(new Attributes.Name(name));
    return this;
  }

  /** Sets Bundle-Version. */
  public PluginJar version(String version) {
    return header("Bundle-Version", version);
  }

  /**
   * Adds a Java source, compiled (with the others) when the jar is built; its classes become
   * entries.
   */
  public PluginJar source(String className, String javaSource) {
    sources.put(className, javaSource);
    return this;
  }

  /** Adds an entry, e.g. {@code OSGI-INF/metatype/settings.xml}. */
  public PluginJar resource(String path, byte[] content) {
    resources.put(path, content.clone());
    return this;
  }

  public PluginJar resource(String path, String text) {
    return resource(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs the jar that {@link #bytes()} builds. */
  public PluginJar signedBy(TestSigner signer) {
    this.signer = signer;
    return this;
  }

  /** The manifest so far (a copy). */
  public Manifest manifest() {
    return new Manifest(manifest);
  }

  /**
   * Builds the jar: the manifest first, then the compiled classes and the resources; signed if
   * asked.
   */
  public byte[] bytes() {
    Map<String, byte[]> entries = new TreeMap<>();
    if (!sources.isEmpty()) {
      InMemoryCompiler.compile(sources)
          .forEach(
              (className, bytes) -> entries.put(className.replace('.', '/') + ".class", bytes));
    }
    entries.putAll(resources);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out)) {
      // written by hand rather than by JarOutputStream(out, manifest), to give it the fixed time
      // too
      JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
      manifestEntry.setTime(ENTRY_TIME);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        JarEntry entry = new JarEntry(e.getKey());
        entry.setTime(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(e.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return signer == null ? out.toByteArray() : signer.sign(out.toByteArray());
  }

  /**
   * {@code jar} with the content of entry {@code name} replaced and everything else (signature
   * files too) as it was: what tampering with a signed jar looks like.
   */
  public static byte[] withEntryReplaced(byte[] jar, String name, byte[] content) {
    return rewrite(jar, name, content, false);
  }

  /** {@code jar} with entry {@code name} added at the end, after any signature. */
  public static byte[] withEntryAdded(byte[] jar, String name, byte[] content) {
    return rewrite(jar, name, content, true);
  }

  /** The content of entry {@code name} of {@code jar}; null if there is none. */
  public static byte[] entry(byte[] jar, String name) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] rewrite(byte[] jar, String name, byte[] content, boolean add) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().equals(name)) {
          if (add) {
            throw new IllegalArgumentException("The jar has an entry " + name + " already");
          }
          bytes = content;
          found = true;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        zip.putNextEntry(copy);
        zip.write(bytes);
        zip.closeEntry();
      }
      if (add) {
        ZipEntry extra = new ZipEntry(name);
        extra.setTime(ENTRY_TIME);
        zip.putNextEntry(extra);
        zip.write(content);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!add && !found) {
      throw new IllegalArgumentException("The jar has no entry " + name);
    }
    return out.toByteArray();
  }
}
