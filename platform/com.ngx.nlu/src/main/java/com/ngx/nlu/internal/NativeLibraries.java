package com.ngx.nlu.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the natives of ONNX Runtime and DJL's tokenizers where the node keeps its data, and points
 * both libraries there, before the model is first loaded.
 *
 * <p>Left alone, ONNX Runtime extracts its libraries into a new temporary folder on every start and
 * DJL caches into {@code ~/.djl.ai} (and may try to download). Instead the ONNX Runtime natives of
 * this platform are copied once into {@code <base>/onnxruntime/<version>/<os-arch>/} (again only
 * when a file is missing or has another size) and named by {@code onnxruntime.native.path}; DJL is
 * told to stay offline and to extract its tokenizer native into {@code <base>/djl}.
 *
 * <p>The JVM binds a native library file to the first class loader that loads it, and refuses it to
 * any other while that one lives. After this bundle is updated or refreshed, its new class loader
 * therefore loads copies from a {@code reload-<n>} sub-folder of both folders (the n-th class loader
 * of the bundle in this JVM); the first class loader of the next JVM deletes those copies. The
 * earlier class loaders stay (ONNX Runtime's environment registers a JVM shutdown hook of its own
 * class), with their natives: about 60 MB of memory per update until the JVM restarts.
 */
final class NativeLibraries {

  /** The version of the ONNX Runtime natives in this bundle (the Maven version they came from). */
  static final String ONNXRUNTIME_VERSION = "1.20.0";

  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
  private static final String ONNXRUNTIME_RESOURCES = "ai/onnxruntime/native/";
  /** JVM-wide (a system property outlives class loaders): the last generation that loaded natives. */
  private static final String GENERATION = "com.ngx.nlu.natives.generation";
  private static final String RELOAD = "reload-";

  /** Which class loader of this bundle in this JVM this one is: 0 for the first, -1 until known. */
  private static int generation = -1;

  private NativeLibraries() {}

  /**
   * Where the natives and caches go: {@code ${karaf.data}/ngx/nlu}, or {@code
   * ${java.io.tmpdir}/ngx-nlu} outside Karaf (unit tests).
   */
  static Path baseDirectory() {
    String data = System.getProperty("karaf.data");
    return data == null || data.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "ngx-nlu")
        : Path.of(data, "ngx", "nlu");
  }

  /**
   * Extracts this platform's ONNX Runtime natives below {@code base} and sets the system properties
   * that ONNX Runtime and DJL read when they load. Idempotent; call before the model classes load.
   *
   * @param loader the class loader that holds the natives (this bundle's)
   * @return the folder holding the ONNX Runtime natives
   */
  static synchronized Path prepare(Path base, ClassLoader loader) {
    if (generation < 0) {
      generation = nextGeneration();
      if (generation == 0) {
        deleteReloadCopies(onnxDirectory(base, 0));
        deleteReloadCopies(djlDirectory(base, 0));
      } else {
        LOG.info("Natives already loaded by an earlier class loader of this bundle: using copies");
      }
    }
    Path onnx = onnxDirectory(base, generation);
    try {
      Files.createDirectories(onnx);
      for (String name : onnxLibraries()) {
        extract(loader, ONNXRUNTIME_RESOURCES + onnxPlatform() + "/" + name, onnx.resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract the ONNX Runtime natives into " + onnx, e);
    }
    System.setProperty("onnxruntime.native.path", onnx.toAbsolutePath().toString());
    // DJL reads both through Utils.getEnvOrSystemProperty: an environment variable would win
    System.setProperty("DJL_CACHE_DIR", djlDirectory(base, generation).toAbsolutePath().toString());
    System.setProperty("ai.djl.offline", "true");
    return onnx;
  }

  /** The folder of the ONNX Runtime natives for the given class loader generation. */
  static Path onnxDirectory(Path base, int generation) {
    Path folder = base.resolve("onnxruntime").resolve(ONNXRUNTIME_VERSION).resolve(onnxPlatform());
    return generation == 0 ? folder : folder.resolve(RELOAD + generation);
  }

  /** DJL's cache folder (it extracts the tokenizer native there) for the given generation. */
  static Path djlDirectory(Path base, int generation) {
    Path folder = base.resolve("djl");
    return generation == 0 ? folder : folder.resolve(RELOAD + generation);
  }

  private static int nextGeneration() {
    Properties properties = System.getProperties();
    synchronized (properties) {
      String last = properties.getProperty(GENERATION);
      int next = last == null ? 0 : Integer.parseInt(last) + 1;
      properties.setProperty(GENERATION, Integer.toString(next));
      return next;
    }
  }

  /** Deletes the copies an earlier JVM made after reloads (none is loaded in this new JVM). */
  private static void deleteReloadCopies(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> children = Files.list(folder)) {
      for (Path reload : children.filter(p -> p.getFileName().toString().startsWith(RELOAD)).toList()) {
        try (Stream<Path> tree = Files.walk(reload)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(path);
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete old copies of the natives in {}", folder, e);
    }
  }

  /** ONNX Runtime's name for this platform, as in its jar: {@code linux-x64}, {@code osx-aarch64}… */
  static String onnxPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName;
    if (os.contains("linux")) {
      osName = "linux";
    } else if (os.contains("mac") || os.contains("darwin")) {
      osName = "osx";
    } else if (os.contains("win")) {
      osName = "win";
    } else {
      throw new IllegalStateException("No ONNX Runtime natives for the operating system " + os);
    }
    String archName;
    if (arch.equals("amd64") || arch.equals("x86_64")) {
      archName = "x64";
    } else if (arch.equals("aarch64") || arch.equals("arm64")) {
      archName = "aarch64";
    } else {
      throw new IllegalStateException("No ONNX Runtime natives for the processor " + arch);
    }
    String platform = osName + "-" + archName;
    if (platform.equals("win-aarch64")) {
      throw new IllegalStateException("No ONNX Runtime natives for " + platform);
    }
    return platform;
  }

  /** The files ONNX Runtime loads from {@code onnxruntime.native.path}, in load order. */
  static List<String> onnxLibraries() {
    return List.of(
        System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
  }

  private static void extract(ClassLoader loader, String resource, Path target) throws IOException {
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new IOException("The bundle has no " + resource);
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    if (size >= 0 && sameSize(target, size)) {
      return;
    }
    // copy beside the target, then move: a crash never leaves a truncated library behind
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    if (size < 0 && sameSize(target, Files.size(partial))) {
      Files.delete(partial); // the connection did not tell the size: compare after the copy
      return;
    }
    try {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    LOG.info("Extracted {} ({} bytes)", target, Files.size(target));
  }

  private static boolean sameSize(Path file, long size) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == size;
  }
}
