package com.ngx.marketplace.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A publisher's code-signing identity for tests: an RSA-2048 key pair and a self-signed X.509
 * certificate, which signs jars as {@code jarsigner} does.
 *
 * <p>Key generation takes a while, so there is one signer per distinguished name (and validity) per
 * JVM.
 */
public final class TestSigner {
  private static final Map<String, TestSigner> SIGNERS = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final String signerName;

  private TestSigner(PrivateKey privateKey, X509Certificate certificate, String signerName) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.signerName = signerName;
  }

  /**
   * The signer for {@code distinguishedName} (e.g. {@code CN=Acme Plugins}), valid from yesterday
   * for a year.
   */
  public static TestSigner generate(String distinguishedName) {
    return SIGNERS.computeIfAbsent(
        distinguishedName,
        dn -> {
          Instant now = Instant.now();
          return create(dn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        });
  }

  /**
   * The signer for {@code distinguishedName} whose certificate is valid from {@code notBefore} to
   * {@code notAfter}.
   */
  public static TestSigner generate(String distinguishedName, Instant notBefore, Instant notAfter) {
    return SIGNERS.computeIfAbsent(
        distinguishedName + "|" + notBefore + "|" + notAfter,
        key -> create(distinguishedName, notBefore, notAfter));
  }

  private static TestSigner create(String dn, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name(dn);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, RANDOM),
              Date.from(notBefore),
              Date.from(notAfter),
              name,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      return new TestSigner(keys.getPrivate(), certificate, signerName(dn));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Generating a test signer for " + dn + " failed", e);
    }
  }

  /** The name of the signature files (META-INF/NAME.SF): up to 8 letters and digits of the name. */
  private static String signerName(String dn) {
    String letters =
        dn.replaceFirst("(?i)^CN=", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return letters.isEmpty() ? "SIGNER" : letters.substring(0, Math.min(8, letters.length()));
  }

  /** The self-signed certificate a publisher registers with the marketplace. */
  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * The certificate in PEM: {@code -----BEGIN CERTIFICATE-----}, base64 of the DER, {@code -----END
   * ...}.
   */
  public String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The SHA-256 of the certificate's DER encoding, in lowercase hex, as the marketplace shows it.
   */
  public String fingerprint() {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code jar}, signed with the JDK's {@link JarSigner} (what {@code jarsigner} uses): SHA-256
   * digests of every entry and SHA256withRSA. An already signed jar keeps its signatures and gets
   * this one as well.
   */
  public byte[] sign(byte[] jar) {
    Path file = null;
    try {
      file = Files.createTempFile("ngx-unsigned-", ".jar");
      Files.write(file, jar);
      CertPath path =
          CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
      JarSigner signer =
          new JarSigner.Builder(privateKey, path)
              .signerName(signerName)
              .digestAlgorithm("SHA-256")
              .signatureAlgorithm("SHA256withRSA")
              .build();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipFile zip = new ZipFile(file.toFile())) {
        signer.sign(zip, out);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing failed", e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file left behind
        }
      }
    }
  }

  @Override
  public String toString() {
    return certificate.getSubjectX500Principal().getName();
  }
}
