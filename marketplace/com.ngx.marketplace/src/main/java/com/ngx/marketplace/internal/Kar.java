package com.ngx.marketplace.internal;

import com.ngx.api.plugin.PluginHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A multi-bundle add-on packaged as a Karaf archive (KAR): a zip whose {@code repository/} holds
 * the bundles in Maven layout. Exactly one of them is the plugin bundle (it has the
 * {@code NGX-Plugin-Id} header); the others are libraries private to it. The KAR's feature
 * descriptor is not needed: the marketplace installs the bundles itself, per tenant.
 */
final class Kar {
  static final int MAX_BUNDLES = 50;
  static final int MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 128L * 1024 * 1024;

  /** One bundle of the archive. */
  record Part(String entry, byte[] bytes, Manifest manifest) {
    boolean plugin() {
      return manifest != null && manifest.getMainAttributes().getValue(PluginHeaders.ID) != null;
    }

    String symbolicName() {
      String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
      return bsn == null ? entry : bsn.split(";")[0].strip();
    }

    /** The packages it exports. */
    Set<String> exports() {
      Set<String> out = new LinkedHashSet<>();
      String header = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
      if (header == null) {
        return out;
      }
      for (org.apache.felix.utils.manifest.Clause c : org.apache.felix.utils.manifest.Parser.parseHeader(header)) {
        out.add(c.getName());
      }
      return out;
    }
  }

  private Kar() {}

  /** Whether the bytes are a KAR rather than a bundle jar: a zip with jars under repository/ and no manifest of its own. */
  static boolean isKar(byte[] bytes) {
    boolean jars = false;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
          return false;
        }
        if (name.startsWith("repository/") && name.endsWith(".jar")) {
          jars = true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return jars;
  }

  /** The bundles, in archive order. */
  static List<Part> bundles(byte[] bytes) throws IOException {
    List<Part> parts = new ArrayList<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (!e.isDirectory() && e.getName().startsWith("repository/") && e.getName().endsWith(".jar")) {
          if (parts.size() == MAX_BUNDLES) {
            throw new IOException("More than " + MAX_BUNDLES + " bundles");
          }
          // bounded, whatever the archive claims: a small upload must not expand without limit
          byte[] jar = zip.readNBytes(MAX_BUNDLE_BYTES + 1);
          if (jar.length > MAX_BUNDLE_BYTES) {
            throw new IOException(e.getName() + " is larger than " + MAX_BUNDLE_BYTES + " bytes");
          }
          total += jar.length;
          if (total > MAX_TOTAL_BYTES) {
            throw new IOException("The bundles add up to more than " + MAX_TOTAL_BYTES + " bytes");
          }
          Manifest m;
          try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), false)) {
            m = in.getManifest();
          }
          parts.add(new Part(e.getName(), jar, m));
        }
      }
    }
    return parts;
  }

  /** The plugin bundle; fails unless there is exactly one. */
  static Part plugin(List<Part> parts) throws IOException {
    List<Part> plugins = parts.stream().filter(Part::plugin).toList();
    if (plugins.size() != 1) {
      throw new IOException("A KAR must hold exactly one bundle with " + PluginHeaders.ID + "; this one holds "
          + plugins.size());
    }
    return plugins.get(0);
  }
}
