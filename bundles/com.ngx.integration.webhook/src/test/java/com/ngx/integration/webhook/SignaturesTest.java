package com.ngx.integration.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  private static final String SECRET = "whsec_test";
  private static final long TS = 1767225600L;
  private static final byte[] BODY = "{\"id\":\"L1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.ofEpochSecond(TS);

  @Test
  void signsTheDocumentedExample() {
    // the worked example of the README, computed independently (Python's hmac module)
    assertEquals(
        "v1=a31331e684fc895f14c3dd9594006be133de465b9bd33d76db4bb44d9d909030",
        Signatures.sign(SECRET, TS, BODY));
  }

  @Test
  void keyAndBodyAreUtf8() {
    byte[] body = "{\"name\":\"José\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "v1=7ddd5991b63e817282181acc0961c56b99aed30fe528ee670f8b4337aa210268",
        Signatures.sign("sécret", TS, body));
  }

  @Test
  void verifiesWhatItSigns() {
    String sig = Signatures.sign(SECRET, TS, BODY);
    // same instant
    assertTrue(Signatures.verify(SECRET, "1767225600", sig, BODY, NOW));
    // within the tolerance, either side
    assertTrue(Signatures.verify(SECRET, "1767225600", sig, BODY, NOW.plusSeconds(300)));
    assertTrue(Signatures.verify(SECRET, "1767225600", sig, BODY, NOW.minusSeconds(300)));
    // uppercase hex is the same signature
    assertTrue(Signatures.verify(SECRET, "1767225600", sig.toUpperCase().replace("V1", "v1"),
        BODY, NOW));
    // one of several signatures, e.g. while the secret is rotated
    assertTrue(Signatures.verify(SECRET, "1767225600",
        Signatures.sign("old", TS, BODY) + ", " + sig, BODY, NOW));
  }

  @Test
  void rejectsForgeriesAndReplays() {
    String sig = Signatures.sign(SECRET, TS, BODY);
    byte[] other = "{\"id\":\"L2\"}".getBytes(StandardCharsets.UTF_8);
    // another body
    assertFalse(Signatures.verify(SECRET, "1767225600", sig, other, NOW));
    // another secret
    assertFalse(Signatures.verify("other", "1767225600", sig, BODY, NOW));
    // the timestamp changed without re-signing
    assertFalse(Signatures.verify(SECRET, "1767225601", sig, BODY, NOW));
    // a replay more than 5 minutes later
    assertFalse(Signatures.verify(SECRET, "1767225600", sig, BODY, NOW.plusSeconds(301)));
    // a timestamp from the future
    assertFalse(Signatures.verify(SECRET, "1767225600", sig, BODY, NOW.minusSeconds(301)));
    // unknown scheme, malformed hex, truncated signature, missing headers, empty secret
    assertFalse(Signatures.verify(SECRET, "1767225600", sig.replace("v1=", "v0="), BODY, NOW));
    assertFalse(Signatures.verify(SECRET, "1767225600", "v1=zz", BODY, NOW));
    assertFalse(Signatures.verify(SECRET, "1767225600", sig.substring(0, 40), BODY, NOW));
    assertFalse(Signatures.verify(SECRET, null, sig, BODY, NOW));
    assertFalse(Signatures.verify(SECRET, "1767225600", null, BODY, NOW));
    assertFalse(Signatures.verify(SECRET, "yesterday", sig, BODY, NOW));
    assertFalse(Signatures.verify("", "1767225600", sig, BODY, NOW));
  }

  @Test
  void anEmptySecretCannotSign() {
    assertThrows(IllegalArgumentException.class, () -> Signatures.sign("", TS, BODY));
  }
}
