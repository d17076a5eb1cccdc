package com.ngx.marketplace.internal;

import org.osgi.framework.Version;

/** OSGi version helpers: a text key that sorts like the versions do. */
final class Versions {
  private Versions() {}

  /** {@code 1.10.0.beta} → {@code 000000001.000000010.000000000.beta}. */
  static String sortKey(String version) {
    Version v = Version.parseVersion(version);
    return String.format("%09d.%09d.%09d.%s", v.getMajor(), v.getMinor(), v.getMicro(), v.getQualifier());
  }
}
