package com.ngx.marketplace.internal.certify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The entries of an uploaded jar, with the {@code artifact.*} rules: it must be a readable zip with
 * a manifest, safe entry names, a bounded size, and the same entries whichever way it is read.
 *
 * <p>The jar is read twice: in stream order (as {@link java.util.jar.JarInputStream} and so the
 * signature check read it) and through the zip's central directory (as {@link
 * java.util.zip.ZipFile} and so the OSGi framework read it). A crafted zip can show the two readers
 * different entries; every later check would then vouch for bytes other than those the framework
 * loads, so any difference rejects it.
 */
final class JarContents {
  static final String MANIFEST = "META-INF/MANIFEST.MF";
  static final int MAX_ENTRIES = 10_000;

  /**
   * What all entries may add up to, uncompressed: a few hundred KiB of upload must not inflate to
   * gigabytes.
   */
  static final long MAX_TOTAL_BYTES = 256L << 20;

  private static final int LOC_SIGNATURE = 0x04034b50;
  private static final int CEN_SIGNATURE = 0x02014b50;
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_SIZE = 22;
  private static final int LISTED = 10;

  private final List<String> names;
  private final Map<String, byte[]> classes;
  private final Manifest manifest;

  private JarContents(List<String> names, Map<String, byte[]> classes, Manifest manifest) {
    this.names = names;
    this.classes = classes;
    this.manifest = manifest;
  }

  /** The entry names, in stream order. */
  List<String> names() {
    return names;
  }

  /** The content of every {@code .class} entry, by entry name. */
  Map<String, byte[]> classes() {
    return classes;
  }

  Manifest manifest() {
    return manifest;
  }

  /** An entry's size and SHA-256, as read in stream order. */
  private record Seen(long size, byte[] sha256) {}

  /**
   * Reads {@code artifact}; null, with at least one error added to {@code findings}, when it must
   * be rejected.
   */
  static JarContents read(byte[] artifact, List<Finding> findings) {
    return read(artifact, findings, MAX_TOTAL_BYTES);
  }

  /** As {@link #read(byte[], List)}, with another limit of the entries' uncompressed size. */
  static JarContents read(byte[] artifact, List<Finding> findings, long maxTotalBytes) {
    if (artifact == null || artifact.length == 0) {
      findings.add(
          Finding.error(
              "artifact.unreadable", "The upload is empty: upload the plugin's jar file"));
      return null;
    }
    Map<String, Seen> seen = new LinkedHashMap<>();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    byte[] manifestBytes = null;
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(artifact))) {
      byte[] buffer = new byte[8192];
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (seen.size() + duplicates.size() >= MAX_ENTRIES) {
          findings.add(tooManyEntries());
          return null;
        }
        MessageDigest sha256 = sha256();
        boolean keep = name.equals(MANIFEST) || name.endsWith(".class");
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long size = 0;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          size += n;
          total += n;
          if (total > maxTotalBytes) {
            findings.add(
                Finding.error(
                    "artifact.too-large",
                    "The jar's entries add up to more than "
                        + (maxTotalBytes >> 20)
                        + " MiB uncompressed: a plugin must be smaller"));
            return null;
          }
          sha256.update(buffer, 0, n);
          if (kept != null) {
            kept.write(buffer, 0, n);
          }
        }
        // JarInputStream takes any spelling of the manifest's name, the OSGi framework just one
        if (seen.containsKey(name) || (name.equalsIgnoreCase(MANIFEST) && !name.equals(MANIFEST))) {
          duplicates.add(name);
          continue;
        }
        seen.put(name, new Seen(size, sha256.digest()));
        if (name.equals(MANIFEST)) {
          manifestBytes = kept.toByteArray();
        } else if (kept != null) {
          classes.put(name, kept.toByteArray());
        }
      }
    } catch (IOException | RuntimeException e) {
      findings.add(
          Finding.error(
              "artifact.unreadable",
              "The upload is not a readable jar (zip) file ("
                  + e.getMessage()
                  + "): upload the jar your build produced, unchanged"));
      return null;
    }
    if (seen.isEmpty()) {
      findings.add(
          Finding.error(
              "artifact.unreadable",
              "The upload is not a jar (zip) file, or has no entries: upload the jar your build"
                  + " produced"));
      return null;
    }
    int before = findings.size();
    unsafeNames(seen.keySet(), findings);
    if (!duplicates.isEmpty()) {
      findings.add(
          Finding.error(
              "artifact.duplicate-entry",
              "The jar holds more than one entry named "
                  + listed(duplicates)
                  + ": which one is used depends on the reader; rebuild the jar"));
    }
    String mismatch = centralDirectoryMismatch(artifact, seen);
    if (mismatch != null) {
      findings.add(
          Finding.error(
              "artifact.inconsistent",
              "The jar's central directory does not match its entries ("
                  + mismatch
                  + "), so the OSGi framework would load other bytes than those certified: rebuild"
                  + " the jar with standard tools (jar, bnd) and upload it unchanged"));
    }
    Manifest manifest = null;
    if (manifestBytes == null) {
      findings.add(
          Finding.error(
              "artifact.no-manifest",
              "The jar has no "
                  + MANIFEST
                  + ": build it as an OSGi bundle (with bnd, e.g. the bnd-maven-plugin) so it"
                  + " carries its manifest"));
    } else {
      try {
        manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
      } catch (IOException | RuntimeException e) {
        findings.add(
            Finding.error(
                "artifact.manifest-unreadable",
                MANIFEST
                    + " cannot be parsed ("
                    + e.getMessage()
                    + "): let bnd write the manifest instead of editing it by hand"));
      }
    }
    if (findings.size() > before) {
      return null;
    }
    return new JarContents(List.copyOf(seen.keySet()), classes, manifest);
  }

  static Finding tooManyEntries() {
    return Finding.error(
        "artifact.too-many-entries",
        "The jar has more than "
            + MAX_ENTRIES
            + " entries: a plugin must be smaller; leave out what it does not need");
  }

  private static void unsafeNames(Iterable<String> names, List<Finding> findings) {
    List<String> unsafe = new ArrayList<>();
    for (String name : names) {
      if (isUnsafe(name)) {
        unsafe.add(name);
      }
    }
    if (!unsafe.isEmpty()) {
      findings.add(
          Finding.error(
              "artifact.path",
              "Entry "
                  + listed(unsafe)
                  + " has an absolute path or a '..' segment, which could write outside the"
                  + " bundle's directory when extracted: every entry name must be relative, without"
                  + " '..'"));
    }
  }

  static boolean isUnsafe(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("\\")
        || name.indexOf('\0') >= 0
        || name.matches("^[A-Za-z]:.*")) {
      return true;
    }
    return Arrays.asList(name.split("[/\\\\]")).contains("..");
  }

  /**
   * A description of how the central directory differs from the entries read in stream order; null
   * if not.
   */
  private static String centralDirectoryMismatch(byte[] zip, Map<String, Seen> seen) {
    try {
      int end = findEnd(zip);
      if (end < 0) {
        return "no end-of-central-directory record";
      }
      int count = u16(zip, end + 10);
      long cenSize = u32(zip, end + 12);
      long cenOffset = u32(zip, end + 16);
      if (count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
        return "a ZIP64 archive, which plugins may not be";
      }
      if (count > MAX_ENTRIES) {
        return "more than " + MAX_ENTRIES + " entries in the central directory";
      }
      // as ZipFile does: data before the first entry shifts every offset
      long base = end - cenSize - cenOffset;
      if (base != 0) {
        return base < 0 ? "offsets beyond the archive" : base + " bytes before the first entry";
      }
      int pos = (int) cenOffset;
      Map<String, Boolean> listed = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        if (u32(zip, pos) != CEN_SIGNATURE) {
          return "a corrupt central directory";
        }
        int method = u16(zip, pos + 10);
        long compressed = u32(zip, pos + 20);
        long size = u32(zip, pos + 24);
        int nameLength = u16(zip, pos + 28);
        int skip = nameLength + u16(zip, pos + 30) + u16(zip, pos + 32);
        long local = u32(zip, pos + 42);
        if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
          return "ZIP64 entries, which plugins may not have";
        }
        String name =
            new String(zip, check(zip, pos + 46, nameLength), nameLength, StandardCharsets.UTF_8);
        pos += 46 + skip;
        if (listed.put(name, Boolean.TRUE) != null) {
          return "entry " + name + " listed twice";
        }
        Seen streamed = seen.get(name);
        if (streamed == null) {
          return "entry " + name + " is hidden from a reader that reads the entries in order";
        }
        if (size != streamed.size()
            || !Arrays.equals(
                streamed.sha256(), sha256(zip, local, method, compressed, streamed.size()))) {
          return "entry " + name + " has other content in the central directory";
        }
      }
      for (String name : seen.keySet()) {
        if (!listed.containsKey(name)) {
          return "entry " + name + " is missing from the central directory";
        }
      }
      return null;
    } catch (IndexOutOfBoundsException | DataFormatException e) {
      return "a corrupt central directory or entry";
    }
  }

  /**
   * The end-of-central-directory record's offset, looking back from the end as ZipFile does; -1 if
   * none.
   */
  private static int findEnd(byte[] zip) {
    for (int pos = zip.length - END_SIZE;
        pos >= 0 && pos >= zip.length - END_SIZE - 0xFFFF;
        pos--) {
      if (u32(zip, pos) == END_SIGNATURE && pos + END_SIZE + u16(zip, pos + 20) == zip.length) {
        return pos;
      }
    }
    return -1;
  }

  /**
   * The SHA-256 of the entry whose local header is at {@code local}, or null when it cannot be
   * read.
   */
  private static byte[] sha256(
      byte[] zip, long local, int method, long compressed, long expectedSize)
      throws DataFormatException {
    if (local > zip.length || u32(zip, (int) local) != LOC_SIGNATURE) {
      return null;
    }
    int start = (int) local + 30 + u16(zip, (int) local + 26) + u16(zip, (int) local + 28);
    if (compressed > zip.length - (long) start) {
      return null;
    }
    MessageDigest sha256 = sha256();
    if (method == ZipEntry.STORED) {
      sha256.update(zip, start, (int) compressed);
      return compressed == expectedSize ? sha256.digest() : null;
    }
    if (method != ZipEntry.DEFLATED) {
      return null;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(zip, start, (int) compressed);
      byte[] buffer = new byte[8192];
      long size = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        size += n;
        if (size > expectedSize) {
          return null;
        }
        sha256.update(buffer, 0, n);
      }
      return size == expectedSize ? sha256.digest() : null;
    } finally {
      inflater.end();
    }
  }

  private static int check(byte[] zip, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > zip.length) {
      throw new IndexOutOfBoundsException();
    }
    return offset;
  }

  private static int u16(byte[] b, int offset) {
    check(b, offset, 2);
    return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int offset) {
    return u16(b, offset) | (long) u16(b, offset + 2) << 16;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Up to ten names, then how many more. */
  static String listed(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
    return names.size() > LISTED ? shown + " (and " + (names.size() - LISTED) + " more)" : shown;
  }
}
