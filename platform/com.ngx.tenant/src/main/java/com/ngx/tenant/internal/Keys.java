package com.ngx.tenant.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key secrets: 192 random bits, Base64url, behind a prefix that tells what kind of key it is
 * ({@code ngx_t_} tenant, {@code ngx_o_} operator). Stored as SHA-256: the secrets are random, so
 * a slow password hash would add latency to every request and no security.
 */
final class Keys {
  static final String TENANT_PREFIX = "ngx_t_";
  static final String OPERATOR_PREFIX = "ngx_o_";
  /** Publisher keys, authenticated by the marketplace. */
  static final String PUBLISHER_PREFIX = "ngx_p_";
  static final int DISPLAY_PREFIX_LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static String newSecret(String prefix) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String displayPrefix(String secret) {
    return secret.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, secret.length()));
  }
}
