package com.ngx.marketplace.internal.certify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The {@code signature.*} rules: every entry is signed, by one signer, whose certificate the
 * publisher registered.
 */
final class SignatureCheck {

  private SignatureCheck() {}

  /**
   * Verifies the jar's signature and adds the findings.
   *
   * @param names the jar's entry names
   * @return the SHA-256 fingerprint of the certificate that signed every entry; null when unsigned,
   *     invalid or signed by more than one signer
   */
  static String check(
      byte[] artifact,
      List<String> names,
      List<X509Certificate> trusted,
      Instant now,
      List<Finding> findings) {
    boolean signatureFiles = names.stream().anyMatch(n -> isSigningRelated(n) && !isManifest(n));
    Map<String, X509Certificate> signers = new LinkedHashMap<>();
    List<String> unsigned = new ArrayList<>();
    int signed = 0;
    String current = null;
    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(artifact), true)) {
      if (jar.getManifest() == null) {
        findings.add(
            signatureFiles
                ? Finding.error(
                    "signature.unverifiable",
                    JarContents.MANIFEST
                        + " is not the jar's first entry, so its signature cannot be verified:"
                        + " build the jar with jar or bnd, then sign it with jarsigner")
                : missing());
        return null;
      }
      byte[] buffer = new byte[8192];
      for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
        current = entry.getName();
        // an entry's signers are known, and its digest checked, once it has been read to the end
        while (jar.read(buffer) >= 0) {
          // reading
        }
        if (entry.isDirectory() || isSigningRelated(current) || isIndex(current)) {
          continue;
        }
        CodeSigner[] codeSigners = entry.getCodeSigners();
        if (codeSigners == null || codeSigners.length == 0) {
          unsigned.add(current);
          continue;
        }
        signed++;
        for (CodeSigner signer : codeSigners) {
          List<? extends Certificate> path = signer.getSignerCertPath().getCertificates();
          if (!path.isEmpty() && path.get(0) instanceof X509Certificate certificate) {
            signers.putIfAbsent(fingerprint(certificate), certificate);
          }
        }
      }
    } catch (SecurityException e) {
      findings.add(
          Finding.error(
              "signature.invalid",
              "The jar's signature does not verify"
                  + (current == null ? "" : " at entry " + current)
                  + " ("
                  + e.getMessage()
                  + "): an entry or the manifest was changed after signing. Sign the finished jar"
                  + " as the last step of the build"));
      return null;
    } catch (IOException | RuntimeException e) {
      findings.add(
          Finding.error(
              "signature.invalid",
              "The jar's signature cannot be verified"
                  + (current == null ? "" : " at entry " + current)
                  + " ("
                  + e.getMessage()
                  + "): sign the finished jar with jarsigner"));
      return null;
    }
    if (signed == 0) {
      findings.add(
          signatureFiles
              ? Finding.error(
                  "signature.invalid",
                  "The jar has signature files in META-INF/ but none of its entries verifies"
                      + " against them: sign the finished jar with jarsigner")
              : missing());
      return null;
    }
    boolean errors = false;
    if (!unsigned.isEmpty()) {
      findings.add(
          Finding.error(
              "signature.partial",
              "Entry "
                  + JarContents.listed(unsigned)
                  + " is not signed (added or renamed after signing): sign the finished jar as the"
                  + " last step of the build"));
      errors = true;
    }
    if (signers.size() > 1) {
      List<String> who = new ArrayList<>();
      signers.forEach(
          (fingerprint, c) ->
              who.add(c.getSubjectX500Principal().getName() + " (" + fingerprint + ")"));
      findings.add(
          Finding.error(
              "signature.multiple-signers",
              "The jar's entries are signed by different signers: "
                  + String.join(", ", who)
                  + ". Sign the jar with your registered certificate only"));
      return null;
    }
    if (signers.isEmpty()) {
      findings.add(
          Finding.error(
              "signature.invalid",
              "The jar is signed with a certificate that is not an X.509 certificate: sign it with"
                  + " jarsigner and an X.509 certificate"));
      return null;
    }
    String fingerprint = signers.keySet().iterator().next();
    X509Certificate certificate = signers.get(fingerprint);
    String signer =
        certificate.getSubjectX500Principal().getName() + " (SHA-256 " + fingerprint + ")";
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      findings.add(
          Finding.warning(
              "signature.expired",
              "The signing certificate "
                  + signer
                  + " expired on "
                  + certificate.getNotAfter().toInstant()
                  + ": renew it, register the new one and sign with it"));
    } catch (CertificateNotYetValidException e) {
      findings.add(
          Finding.warning(
              "signature.not-yet-valid",
              "The signing certificate "
                  + signer
                  + " is valid only from "
                  + certificate.getNotBefore().toInstant()
                  + ": check its dates"));
    }
    if (!isTrusted(certificate, trusted)) {
      findings.add(
          Finding.error(
              "signature.untrusted",
              "The jar is signed by "
                  + signer
                  + ", which is not a certificate registered for this publisher: register it with"
                  + " the marketplace, or sign with a registered one"));
      errors = true;
    }
    if (!errors) {
      findings.add(
          Finding.info(
              "signature.valid",
              "Every entry is signed by " + signer + ", registered for this publisher"));
    }
    return fingerprint;
  }

  private static Finding missing() {
    return Finding.error(
        "signature.missing",
        "The jar is not signed: sign it with jarsigner and register your certificate with the"
            + " marketplace");
  }

  private static boolean isTrusted(X509Certificate certificate, List<X509Certificate> trusted) {
    byte[] der = der(certificate);
    for (X509Certificate t : trusted) {
      try {
        if (Arrays.equals(der, t.getEncoded())) {
          return true;
        }
      } catch (CertificateEncodingException e) {
        // a registered certificate that cannot be encoded matches nothing
      }
    }
    return false;
  }

  /** The SHA-256 of the certificate's DER encoding, in lowercase hex. */
  static String fingerprint(X509Certificate certificate) {
    return HexFormat.of().formatHex(JarContents.sha256().digest(der(certificate)));
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException(
          "A certificate that cannot be encoded: " + e.getMessage(), e);
    }
  }

  /**
   * The manifest and the signature files, which jarsigner does not sign (as the JDK defines them).
   */
  static boolean isSigningRelated(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
      return false;
    }
    String file = upper.substring(9);
    return file.equals("MANIFEST.MF")
        || file.endsWith(".SF")
        || file.endsWith(".DSA")
        || file.endsWith(".RSA")
        || file.endsWith(".EC")
        || file.startsWith("SIG-");
  }

  private static boolean isManifest(String name) {
    return name.equalsIgnoreCase(JarContents.MANIFEST);
  }

  // the JDK's verifier never checks the jar index, so no signer can be expected on it
  private static boolean isIndex(String name) {
    return name.equalsIgnoreCase("META-INF/INDEX.LIST");
  }
}
