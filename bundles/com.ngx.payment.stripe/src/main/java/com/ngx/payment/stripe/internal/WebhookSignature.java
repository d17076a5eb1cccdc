package com.ngx.payment.stripe.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Stripe's {@code Stripe-Signature} header on the raw body of a webhook, as
 * https://docs.stripe.com/webhooks#verify-manually describes.
 *
 * <p>The header is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]} (other schemes such as {@code
 * v0} may appear and are ignored). Each {@code v1} is the lowercase hex HMAC-SHA256, keyed with the
 * endpoint's signing secret (UTF-8, {@code whsec_} prefix included), of the ASCII timestamp, a full
 * stop and the body bytes exactly as received. Stripe sends several {@code v1} signatures while a
 * secret is being rolled; the request is authentic if any one matches. A timestamp further than the
 * tolerance from the clock, in either direction, is refused, so a captured request cannot be
 * replayed later.
 *
 * <p>stripe-java's {@code Webhook.Signature.verifyHeader} is not used: it takes the body as a
 * {@code String} (re-encoding it, which alters bytes that are not valid UTF-8) and only refuses
 * timestamps in the past.
 */
final class WebhookSignature {
  /** The header Stripe signs with. */
  static final String HEADER = "Stripe-Signature";
  /** The signature scheme checked. */
  static final String SCHEME = "v1";
  /** Longer headers are not Stripe's; they are refused before any work. */
  static final int MAX_HEADER = 8192;

  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /**
   * Returns normally when {@code header} carries a valid signature of {@code body} made within
   * {@code tolerance} of {@code clock}'s time.
   *
   * @throws SecurityException saying what is wrong; it never contains the secret
   */
  static void verify(byte[] body, String header, String secret, Duration tolerance, Clock clock) {
    if (secret == null || secret.isEmpty()) {
      throw new SecurityException(
          "webhook refused: the webhookSecret setting is not set, so no signature can be checked");
    }
    if (header == null || header.isBlank()) {
      throw new SecurityException("webhook refused: no " + HEADER + " header");
    }
    if (header.length() > MAX_HEADER) {
      throw new SecurityException("webhook refused: malformed " + HEADER + " header (too long)");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String item : header.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new SecurityException(
            "webhook refused: malformed " + HEADER + " header (expected t=…,v1=…)");
      }
      String key = item.substring(0, eq).strip();
      String value = item.substring(eq + 1).strip();
      if (key.equals("t")) {
        if (timestamp != null) {
          throw new SecurityException(
              "webhook refused: malformed " + HEADER + " header (more than one timestamp)");
        }
        timestamp = parseTimestamp(value);
      } else if (key.equals(SCHEME)) {
        byte[] signature = unhex(value);
        if (signature != null) {
          signatures.add(signature);
        }
      }
    }
    if (timestamp == null) {
      throw new SecurityException(
          "webhook refused: malformed " + HEADER + " header (no timestamp t=…)");
    }
    if (signatures.isEmpty()) {
      throw new SecurityException(
          "webhook refused: malformed " + HEADER + " header (no " + SCHEME + " signature)");
    }

    byte[] expected = hmac(secret, timestamp, body);
    boolean match = false;
    for (byte[] signature : signatures) {
      // constant time, and every candidate is compared: no early exit that tells which matched
      match |= MessageDigest.isEqual(expected, signature);
    }
    if (!match) {
      throw new SecurityException(
          "webhook refused: no "
              + SCHEME
              + " signature matches the body (wrong webhookSecret, or the body was altered)");
    }
    long skew = clock.instant().getEpochSecond() - timestamp;
    if (Math.abs(skew) > tolerance.getSeconds()) {
      throw new SecurityException(
          "webhook refused: its timestamp is "
              + Math.abs(skew)
              + " s "
              + (skew > 0 ? "old" : "in the future")
              + ", more than the tolerance of "
              + tolerance.getSeconds()
              + " s (a replay, or a wrong clock)");
    }
  }

  /** The lowercase hex {@code v1} signature of {@code body} at {@code timestamp}. */
  static String sign(String secret, long timestamp, byte[] body) {
    byte[] mac = hmac(secret, timestamp, body);
    StringBuilder hex = new StringBuilder(mac.length * 2);
    for (byte b : mac) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  private static long parseTimestamp(String value) {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw new SecurityException(
          "webhook refused: malformed " + HEADER + " header (the timestamp is not a number)");
    }
    return Long.parseLong(value);
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
    }
  }

  /** The bytes of a hex string, or null if it is not one (such a signature matches nothing). */
  private static byte[] unhex(String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
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
