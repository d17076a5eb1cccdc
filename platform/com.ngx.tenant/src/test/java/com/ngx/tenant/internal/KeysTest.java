package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

  @ParameterizedTest
  @ValueSource(strings = {Keys.TENANT_PREFIX, Keys.OPERATOR_PREFIX})
  void secretsAreThePrefixAnd192RandomBitsInBase64Url(String prefix) {
    String secret = Keys.newSecret(prefix);

    assertTrue(secret.startsWith(prefix), secret);
    String random = secret.substring(prefix.length());
    // 24 bytes are 32 Base64 characters, without padding
    assertEquals(32, random.length());
    assertTrue(random.matches("[A-Za-z0-9_-]{32}"), random);
    assertEquals(24, Base64.getUrlDecoder().decode(random).length);
  }

  @Test
  void secretsDoNotRepeat() {
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(secrets.add(Keys.newSecret(Keys.TENANT_PREFIX)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    // the SHA-256 test vectors
    "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  })
  void hashIsLowerCaseSha256Hex(String secret, String hex) {
    assertEquals(hex, Keys.hash(secret));
  }

  @Test
  void hashOfASecretIsTheSha256OfItsUtf8Bytes() throws Exception {
    String secret = Keys.newSecret(Keys.TENANT_PREFIX);
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));

    assertEquals(expected, Keys.hash(secret));
    assertEquals(64, Keys.hash(secret).length());
    assertNotEquals(Keys.hash(secret), Keys.hash(secret + "x"));
  }

  @ParameterizedTest
  @CsvSource({
    // the prefix and six random characters: enough to recognise a key, never to use it
    "ngx_t_AbCdEfGhIjKlMnOpQrStUvWxYz012345, ngx_t_AbCdEf",
    // shorter than the display prefix: the whole string
    "ngx_t_, ngx_t_",
    "short, short",
  })
  void displayPrefixIsTheFirstTwelveCharacters(String secret, String prefix) {
    assertEquals(prefix, Keys.displayPrefix(secret));
  }

  @Test
  void theDisplayPrefixFitsItsColumn() {
    // api_key.prefix is varchar(16)
    assertTrue(Keys.displayPrefix(Keys.newSecret(Keys.OPERATOR_PREFIX)).length() <= 16);
  }
}
