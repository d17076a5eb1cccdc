package com.ngx.marketplace.internal.certify;

import java.util.List;

/**
 * The outcome of the static certification of one artifact.
 *
 * @param facts what was read from the manifest; null when the artifact could not be read at all
 * @param findings every finding, in the order of the rule groups
 * @param signerFingerprint the SHA-256 (lowercase hex) of the DER encoding of the certificate that
 *     signed every entry; null when the jar is unsigned, its signature is invalid or several
 *     signers signed it
 */
public record StaticReport(BundleFacts facts, List<Finding> findings, String signerFingerprint) {

  public StaticReport {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** Whether any finding is an error, which rejects the version. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
