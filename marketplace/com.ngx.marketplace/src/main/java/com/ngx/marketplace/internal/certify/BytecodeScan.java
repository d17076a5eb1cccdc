package com.ngx.marketplace.internal.certify;

import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.ForbiddenApiException;
import de.thetaphi.forbiddenapis.Logger;
import de.thetaphi.forbiddenapis.ParseException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bytecode.*} rules: a forbidden-API scan of a plugin's classes with the forbiddenapis
 * library, against the signatures in {@code forbidden-signatures.txt} beside this class.
 *
 * <p>forbiddenapis reads the bytecode of the classes that signatures and plugin classes refer to
 * through the class loader it is given. Inside OSGi this class's own loader sees only {@code
 * java.*} and the packages this bundle imports, so the scan is given a loader that asks the JDK's
 * platform loader first (every JDK package, {@code javax.*} included) and then this class's loader
 * (the OSGi API and whatever else this bundle imports). A signature whose class neither sees is
 * skipped, not an error; forbiddenapis never initializes a class it reads.
 */
final class BytecodeScan {
  static final String SIGNATURES = "forbidden-signatures.txt";

  /** Findings listed at most; the rest are counted in one last finding. */
  static final int MAX_FINDINGS = 200;

  // forbiddenapis always honours this annotation, and a plugin can declare it: we blank it out
  private static final byte[] SUPPRESS =
      "Lde/thetaphi/forbiddenapis/SuppressForbidden;".getBytes(StandardCharsets.UTF_8);

  private final String signatures;
  private final ClassLoader loader;

  BytecodeScan() {
    this(BytecodeScan.class.getClassLoader());
  }

  /**
   * A scan that reads the classes that signatures and plugin classes refer to from the JDK, then
   * through {@code loader}.
   */
  BytecodeScan(ClassLoader loader) {
    this.loader = new JdkFirst(loader);
    try (InputStream in = BytecodeScan.class.getResourceAsStream(SIGNATURES)) {
      if (in == null) {
        throw new IllegalStateException(
            SIGNATURES + " is missing beside " + BytecodeScan.class.getName());
      }
      this.signatures = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + SIGNATURES + " failed", e);
    }
  }

  /** Scans {@code classes} (entry name to class file) and adds its findings. */
  void scan(Map<String, byte[]> classes, List<Finding> findings) {
    List<Map<String, byte[]>> batches = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      String className = internalName(entry.getValue());
      if (className == null) {
        findings.add(
            Finding.error(
                "bytecode.unreadable",
                entry.getKey()
                    + " is not a valid class file: a plugin's .class entries must be what the Java"
                    + " compiler wrote"));
        continue;
      }
      byte[] bytes = entry.getValue();
      if (indexOf(bytes, SUPPRESS, 0) >= 0) {
        findings.add(
            Finding.error(
                "bytecode.suppressed",
                className.replace('/', '.')
                    + " uses @SuppressForbidden, which cannot exempt a plugin from certification:"
                    + " remove it (the uses it would hide are reported as well)"));
        bytes = unsuppressed(bytes);
      }
      // forbiddenapis keeps one class per name: a second copy (multi-release jar) needs another run
      Map<String, byte[]> batch = null;
      for (Map<String, byte[]> b : batches) {
        if (!b.containsKey(className)) {
          batch = b;
          break;
        }
      }
      if (batch == null) {
        batch = new LinkedHashMap<>();
        batches.add(batch);
      }
      batch.put(className, bytes);
    }
    Collector collector = new Collector();
    for (Map<String, byte[]> batch : batches) {
      if (!run(batch, collector, findings)) {
        return;
      }
    }
    List<String> violations = collector.violations();
    for (int i = 0; i < Math.min(MAX_FINDINGS, violations.size()); i++) {
      findings.add(Finding.error("bytecode.forbidden", violations.get(i)));
    }
    if (violations.size() > MAX_FINDINGS) {
      findings.add(
          Finding.error(
              "bytecode.forbidden",
              "… and "
                  + (violations.size() - MAX_FINDINGS)
                  + " more uses of forbidden APIs, not listed"));
    }
  }

  /**
   * One forbiddenapis run over classes of distinct names; false when the scan itself could not run.
   */
  private boolean run(Map<String, byte[]> batch, Collector collector, List<Finding> findings) {
    // no FAIL_ON_*: missing classes and unresolvable signatures are skipped, violations only logged
    Checker checker =
        new Checker(
            collector,
            loader,
            EnumSet.of(
                Checker.Option.IGNORE_SIGNATURES_OF_MISSING_CLASSES,
                // no jar: URL cache: the platform runs for months while bundles get replaced
                Checker.Option.DISABLE_CLASSLOADING_CACHE));
    if (!checker.isSupportedJDK) {
      findings.add(
          Finding.error(
              "bytecode.unavailable",
              "The forbidden-API scan cannot read this JVM's runtime classes, so the plugin cannot"
                  + " be certified here: the marketplace operator must fix it"));
      return false;
    }
    try {
      checker.parseSignaturesString(signatures);
    } catch (IOException | ParseException e) {
      findings.add(
          Finding.error(
              "bytecode.unavailable",
              "The marketplace's forbidden-API signatures are invalid ("
                  + e.getMessage()
                  + "): the marketplace operator must fix them"));
      return false;
    }
    for (Map.Entry<String, byte[]> entry : batch.entrySet()) {
      String name = entry.getKey() + ".class";
      try {
        checker.addClassToCheck(new ByteArrayInputStream(entry.getValue()), name);
      } catch (IOException | RuntimeException e) {
        findings.add(
            Finding.error(
                "bytecode.unreadable",
                "Class "
                    + entry.getKey().replace('/', '.')
                    + " cannot be read by the scan ("
                    + e.getMessage()
                    + "): compile the plugin for Java 17"));
      }
    }
    try {
      checker.run();
    } catch (ForbiddenApiException | RuntimeException e) {
      findings.add(
          Finding.error(
              "bytecode.unreadable",
              "The forbidden-API scan failed ("
                  + e.getMessage()
                  + "): compile the plugin for Java 17 with a standard compiler"));
    }
    collector.flush();
    return true;
  }

  /**
   * The JDK's platform class loader, then another one: the JDK as a whole, then a bundle's view.
   */
  private static final class JdkFirst extends ClassLoader {
    private final ClassLoader then;

    JdkFirst(ClassLoader then) {
      super("certify-scan", ClassLoader.getPlatformClassLoader());
      this.then = then;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      return then.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
      return then.getResource(name);
    }
  }

  /**
   * Turns forbiddenapis' log into violations. It logs each violation as an error "Forbidden method
   * invocation: SIGNATURE [REASON]" followed by " in CLASS (SOURCE:LINE)", in one or two calls.
   */
  private static final class Collector implements Logger {
    private final Set<String> violations = new LinkedHashSet<>();
    private String pending;

    @Override
    public void error(String message) {
      for (String line : message.split("\n")) {
        String stripped = line.strip();
        if (stripped.startsWith("Forbidden ")) {
          flush();
          pending = stripped;
        } else if (stripped.startsWith("in ") && pending != null) {
          violations.add(describe(pending, stripped.substring(3)));
          pending = null;
        }
      }
    }

    void flush() {
      if (pending != null) {
        violations.add(describe(pending, null));
        pending = null;
      }
    }

    List<String> violations() {
      return List.copyOf(violations);
    }

    @Override
    public void warn(String message) {
      // unresolvable signatures, classes a plugin refers to but lacks: neither is a finding
    }

    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  }

  /**
   * "Forbidden method invocation: API [REASON]" and "CLASS (SOURCE:LINE)" as one finding message.
   */
  static String describe(String violation, String location) {
    String what = violation.substring("Forbidden ".length());
    int colon = what.indexOf(": ");
    String kind = colon < 0 ? "" : what.substring(0, colon);
    String api = colon < 0 ? what : what.substring(colon + 2);
    String reason = null;
    int bracket = api.indexOf(" [");
    if (bracket >= 0 && api.endsWith("]")) {
      reason = api.substring(bracket + 2, api.length() - 1);
      api = api.substring(0, bracket);
    }
    String verb =
        switch (kind) {
          case "method invocation" -> "calls";
          case "field access" -> "accesses";
          default -> "uses";
        };
    String out =
        (location == null ? "A plugin class" : location)
            + " "
            + verb
            + " "
            + api
            + ", a forbidden API";
    return reason == null || reason.isBlank() ? out : out + ": " + reason;
  }

  /**
   * The class file's own name (internal form, e.g. {@code com/example/Foo}); null if it is not a
   * class file.
   */
  static String internalName(byte[] c) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c))) {
      if (in.readInt() != 0xCAFEBABE) {
        return null;
      }
      in.readInt();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.skipNBytes(2);
          case 15 -> in.skipNBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
          case 5, 6 -> {
            in.skipNBytes(8);
            i++;
          }
          default -> {
            return null;
          }
        }
      }
      in.readUnsignedShort();
      int self = in.readUnsignedShort();
      if (self <= 0 || self >= count || classNames[self] <= 0 || classNames[self] >= count) {
        return null;
      }
      return utf8[classNames[self]];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] unsuppressed(byte[] bytes) {
    byte[] out = bytes.clone();
    for (int at = indexOf(out, SUPPRESS, 0); at >= 0; at = indexOf(out, SUPPRESS, at + 1)) {
      // same length, so the constant pool stays valid: now an annotation that suppresses nothing
      out[at + SUPPRESS.length - 2] = '_';
    }
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
