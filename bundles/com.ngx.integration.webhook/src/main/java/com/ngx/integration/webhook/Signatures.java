package com.ngx.integration.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme of webhook lead deliveries, for senders and for receivers that verify them.
 *
 * <p>Every delivery carries two headers:
 *
 * <pre>
 * X-NGX-Timestamp: 1767225600
 * X-NGX-Signature: v1=&lt;64 lowercase hex digits&gt;
 * </pre>
 *
 * where the timestamp is the time of sending in Unix seconds and the signature is the lowercase
 * hex HMAC-SHA256, keyed with the tenant's secret (UTF-8), of the ASCII timestamp, a full stop and
 * the raw request body bytes: {@code HMAC(secret, "1767225600." + body)}. Signing the timestamp
 * with the body lets a receiver reject replays of an old, captured request.
 *
 * <p>A receiver verifies a request by recomputing the signature over the body exactly as received
 * (before any JSON parsing), comparing it with the header in constant time, and rejecting
 * timestamps more than {@link #TOLERANCE} away from its own clock: {@link #verify} does all three.
 * The header may carry several comma-separated signatures (for example while a secret is being
 * rotated); a request is authentic if any {@code v1} signature matches.
 */
public final class Signatures {
  /** The header with the signature(s). */
  public static final String SIGNATURE_HEADER = "X-NGX-Signature";
  /** The header with the time of sending, in Unix seconds. */
  public static final String TIMESTAMP_HEADER = "X-NGX-Timestamp";
  /** The scheme prefix of the current signature version. */
  public static final String SCHEME = "v1";
  /** How far a request's timestamp may be from the receiver's clock. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String HMAC = "HmacSHA256";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Signatures() {}

  /**
   * The {@code X-NGX-Signature} header value for {@code body} sent at {@code timestamp}.
   *
   * @param secret the tenant's shared secret
   * @param timestamp Unix seconds, as sent in {@code X-NGX-Timestamp}
   * @param body the raw request body
   * @return {@code v1=} followed by 64 lowercase hex digits
   */
  public static String sign(String secret, long timestamp, byte[] body) {
    return SCHEME + "=" + hex(hmac(secret, timestamp, body));
  }

  /**
   * Whether a request is authentic and fresh: one of its {@code v1} signatures matches the body
   * and its timestamp is within {@link #TOLERANCE} of {@code now}.
   *
   * @param secret the tenant's shared secret
   * @param timestampHeader the {@code X-NGX-Timestamp} value as received (may be null)
   * @param signatureHeader the {@code X-NGX-Signature} value as received (may be null)
   * @param body the raw request body as received
   * @param now the receiver's current time
   */
  public static boolean verify(
      String secret, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
    if (secret == null
        || secret.isEmpty()
        || timestampHeader == null
        || signatureHeader == null
        || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.getSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    boolean match = false;
    for (String part : signatureHeader.split(",")) {
      String p = part.strip();
      if (p.startsWith(SCHEME + "=")) {
        byte[] given = unhex(p.substring(SCHEME.length() + 1));
        // constant time, and every candidate is compared: no early exit that leaks which matched
        match |= given != null && MessageDigest.isEqual(expected, given);
      }
    }
    return match;
  }

  private static byte[] hmac(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform
      throw new IllegalStateException(e);
    } catch (IllegalArgumentException e) {
      // SecretKeySpec refuses an empty key
      throw new IllegalArgumentException("the secret must not be empty", e);
    }
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] unhex(String s) {
    if (s.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
