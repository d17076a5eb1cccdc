package com.ngx.marketplace.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with the JDK's compiler, against the class path of the running
 * tests (so sources may use {@code com.ngx.api}, {@code org.osgi} and the other test dependencies).
 */
final class InMemoryCompiler {
  /**
   * Classes other than the JDK's that plugin sources commonly use; their jars join the class path.
   */
  private static final List<String> ANCHORS =
      List.of(
          "com.ngx.api.plugin.PluginContext",
          "org.osgi.framework.BundleContext",
          "org.osgi.service.component.annotations.Component",
          "org.slf4j.Logger",
          "de.thetaphi.forbiddenapis.SuppressForbidden");

  private static final Map<Map<String, String>, Map<String, byte[]>> COMPILED =
      new ConcurrentHashMap<>();
  private static JavaCompiler compiler;
  private static StandardJavaFileManager files;

  private InMemoryCompiler() {}

  /**
   * The class files of {@code sources} (class name to source text), by binary class name, nested
   * and anonymous classes included.
   *
   * @throws IllegalArgumentException when the sources do not compile, with the compiler's messages
   */
  static Map<String, byte[]> compile(Map<String, String> sources) {
    Map<String, String> key = Map.copyOf(sources);
    Map<String, byte[]> compiled = COMPILED.get(key);
    if (compiled == null) {
      compiled = doCompile(key);
      COMPILED.put(key, compiled);
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    compiled.forEach((name, bytes) -> copy.put(name, bytes.clone()));
    return copy;
  }

  // the standard file manager caches the class path's jars, which makes later compilations fast; it
  // is not
  // thread-safe
  private static synchronized Map<String, byte[]> doCompile(Map<String, String> sources) {
    if (compiler == null) {
      compiler = ToolProvider.getSystemJavaCompiler();
      if (compiler == null) {
        throw new IllegalStateException("No Java compiler: run the tests on a JDK, not a JRE");
      }
      files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
      try {
        files.setLocation(StandardLocation.CLASS_PATH, classPath());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new Source(name, text)));
    Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
    JavaFileManager memory =
        new ForwardingJavaFileManager<>(files) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                return out.computeIfAbsent(className, n -> new ByteArrayOutputStream());
              }
            };
          }
        };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("--release", "17", "-g", "-proc:none", "-nowarn", "-Xlint:none");
    boolean ok = compiler.getTask(null, memory, diagnostics, options, null, units).call();
    if (!ok) {
      throw new IllegalArgumentException(
          "The sources do not compile:\n"
              + diagnostics.getDiagnostics().stream()
                  .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                  .map(
                      d ->
                          d.getSource().getName()
                              + ":"
                              + d.getLineNumber()
                              + ": "
                              + d.getMessage(null))
                  .collect(Collectors.joining("\n")));
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }

  /**
   * The test class path: java.class.path with the Class-Path of its jars (Surefire passes a
   * manifest-only jar), and the jars of the {@link #ANCHORS} wherever they were loaded from.
   */
  static List<File> classPath() {
    Set<File> out = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        add(new File(entry), out);
      }
    }
    for (String anchor : ANCHORS) {
      try {
        CodeSource source =
            Class.forName(anchor, false, InMemoryCompiler.class.getClassLoader())
                .getProtectionDomain()
                .getCodeSource();
        if (source != null
            && source.getLocation() != null
            && "file".equals(source.getLocation().getProtocol())) {
          out.add(new File(source.getLocation().toURI()));
        }
      } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
        // not on this class path: sources cannot use it
      }
    }
    return new ArrayList<>(out);
  }

  private static void add(File file, Set<File> out) {
    if (!file.exists() || !out.add(file) || !file.isFile()) {
      return;
    }
    try (JarFile jar = new JarFile(file)) {
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return;
      }
      URL base = file.toURI().toURL();
      for (String element : classPath.trim().split("\\s+")) {
        if (!element.isEmpty()) {
          URL url = new URL(base, element);
          if ("file".equals(url.getProtocol())) {
            add(new File(url.toURI()), out);
          }
        }
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      // not a jar, or a Class-Path entry that is not a file: javac would skip it too
    }
  }

  /**
   * A source file held in memory; its file name (Foo.java) is what the class files' SourceFile
   * says.
   */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(
          URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
