package com.ngx.marketplace.internal.certify;

import java.util.List;
import java.util.Objects;

/**
 * Which packages a plugin may name in {@code Import-Package}.
 *
 * <p>A package is allowed when it equals one of the prefixes or starts with the prefix and a dot; a
 * prefix that ends with a dot (such as {@code javax.}) matches any package that starts with it.
 * {@code java.*} is always allowed. The platform's own packages ({@code com.ngx.*}) other than its
 * public API ({@code com.ngx.api} and its sub-packages) are never allowed, whatever the prefixes
 * say.
 *
 * @param allowedPackagePrefixes the allowed packages and package prefixes
 */
public record ImportPolicy(List<String> allowedPackagePrefixes) {

  private static final String API = "com.ngx.api";

  public ImportPolicy {
    allowedPackagePrefixes =
        allowedPackagePrefixes == null
            ? List.of()
            : allowedPackagePrefixes.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
  }

  /**
   * The platform API, the JDK's cryptography, networking and XML packages besides {@code java.*}
   * (not {@code javax.sql}, {@code javax.naming} or {@code javax.management}: a plugin gets no
   * database, directory or JVM management access), the OSGi APIs a plugin component needs, SLF4J
   * and Jackson.
   */
  public static ImportPolicy defaults() {
    return new ImportPolicy(
        List.of(
            API,
            "javax.crypto",
            "javax.net",
            "javax.security.auth.x500",
            "javax.xml",
            "org.w3c.dom",
            "org.xml.sax",
            "org.ietf.jgss",
            "org.osgi.framework",
            "org.osgi.service.component",
            "org.osgi.service.metatype",
            "org.osgi.util.tracker",
            "org.slf4j",
            "com.fasterxml.jackson."));
  }

  /** Whether a plugin may import {@code pkg}. */
  public boolean allows(String pkg) {
    if (pkg == null || isPlatformInternal(pkg)) {
      return false;
    }
    if (isJava(pkg)) {
      return true;
    }
    for (String prefix : allowedPackagePrefixes) {
      if (matches(pkg, prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code pkg} is the platform API: {@code com.ngx.api} or one of its sub-packages. */
  public static boolean isPlatformApi(String pkg) {
    return matches(pkg, API);
  }

  /** Whether {@code pkg} belongs to the platform but not to its API, which no plugin may use. */
  public static boolean isPlatformInternal(String pkg) {
    return matches(pkg, "com.ngx") && !isPlatformApi(pkg);
  }

  /**
   * Whether {@code pkg} is one of the JDK's {@code java.*} packages, which every bundle may use.
   */
  public static boolean isJava(String pkg) {
    return matches(pkg, "java");
  }

  private static boolean matches(String pkg, String prefix) {
    if (prefix.endsWith(".")) {
      return pkg.startsWith(prefix);
    }
    return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
  }
}
