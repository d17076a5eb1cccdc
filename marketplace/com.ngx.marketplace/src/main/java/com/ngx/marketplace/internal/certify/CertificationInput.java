package com.ngx.marketplace.internal.certify;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.Version;

/**
 * What the static certification of one uploaded version compares the artifact with.
 *
 * @param expectedPluginId the listing's plugin id, which {@code NGX-Plugin-Id} must equal
 * @param previousSymbolicName the {@code Bundle-SymbolicName} of the listing's earlier versions;
 *     null for the first version
 * @param previousVersions the {@code Bundle-Version}s uploaded before, which the new one must
 *     exceed
 * @param trustedCertificates the certificates registered for the publisher; the signer must be one
 *     of them
 * @param platformApiPackages the {@code com.ngx.api} packages the running platform exports, with
 *     their versions
 */
public record CertificationInput(
    String expectedPluginId,
    String previousSymbolicName,
    List<String> previousVersions,
    List<X509Certificate> trustedCertificates,
    Map<String, Version> platformApiPackages) {

  public CertificationInput {
    previousVersions =
        previousVersions == null
            ? List.of()
            : previousVersions.stream().filter(Objects::nonNull).toList();
    trustedCertificates =
        trustedCertificates == null
            ? List.of()
            : trustedCertificates.stream().filter(Objects::nonNull).toList();
    Map<String, Version> packages = new LinkedHashMap<>();
    if (platformApiPackages != null) {
      platformApiPackages.forEach(
          (name, version) -> {
            if (name != null && version != null) {
              packages.put(name, version);
            }
          });
    }
    platformApiPackages = Collections.unmodifiableMap(packages);
  }
}
