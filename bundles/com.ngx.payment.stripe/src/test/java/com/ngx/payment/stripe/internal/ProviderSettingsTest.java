package com.ngx.payment.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and checking the operator's settings, and the clients made from them. */
class ProviderSettingsTest {
  private static Map<String, Object> settings(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void defaults() {
    ProviderSettings s = ProviderSettings.of(Map.of());
    assertNull(s.apiKey());
    assertNull(s.webhookSecret());
    assertEquals("https://api.stripe.com", s.apiBase());
    assertEquals(Duration.ofSeconds(300), s.tolerance());
    assertEquals(Duration.ofSeconds(20), s.timeout());
  }

  @Test
  void readsEveryValueType() {
    ProviderSettings s =
        ProviderSettings.of(
            settings(
                "apiKey", " sk_test_abc ",
                "webhookSecret", "whsec_x",
                "apiBase", "http://127.0.0.1:12111/",
                "toleranceSeconds", 60L,
                "timeoutSeconds", "7"));
    assertEquals("sk_test_abc", s.apiKey());
    assertEquals("whsec_x", s.webhookSecret());
    assertEquals("http://127.0.0.1:12111", s.apiBase());
    assertEquals(Duration.ofSeconds(60), s.tolerance());
    assertEquals(Duration.ofSeconds(7), s.timeout());
  }

  @Test
  void refusesBadValuesWithoutQuotingSecrets() {
    // each case: a setting, a bad value, a part of the message
    Object[][] cases = {
      {"apiKey", "pk_live_123", "publishable key"},
      {"apiKey", "sk_live_a\nb", "printable ASCII"},
      {"webhookSecret", "whsec_\u00e9", "printable ASCII"},
      {"apiBase", "ftp://api.stripe.com", "absolute http(s) URL"},
      {"apiBase", "api.stripe.com", "absolute http(s) URL"},
      {"apiBase", "https://user:pw@api.stripe.com", "credentials"},
      {"apiBase", "https://api.stripe.com?x=1", "query"},
      {"apiBase", "   ", "not set"},
      {"toleranceSeconds", 0, "from 1 to 3600"},
      {"toleranceSeconds", 3601, "from 1 to 3600"},
      {"timeoutSeconds", 0, "from 1 to 120"},
      {"timeoutSeconds", 121L, "from 1 to 120"},
      {"timeoutSeconds", "soon", "whole number"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ProviderSettings.of(settings(c[0], c[1])),
              c[0] + "=" + c[1]);
      assertTrue(e.getMessage().startsWith("settings: " + c[0]), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
      if (c[0].equals("apiKey") || c[0].equals("webhookSecret")) {
        assertFalse(e.getMessage().contains(c[1].toString()), e.getMessage());
      }
    }
  }

  @Test
  void redactsTheKeyAndNeverPrintsSecrets() {
    ProviderSettings s =
        ProviderSettings.of(settings("apiKey", "sk_test_secret", "webhookSecret", "whsec_secret"));
    assertEquals("Invalid API Key provided: ***", s.redact("Invalid API Key provided: sk_test_secret"));
    assertFalse(s.toString().contains("secret"), s.toString());
    assertEquals("settings: apiKey is not set",
        assertThrows(IllegalArgumentException.class, () -> ProviderSettings.of(Map.of()).requireApiKey())
            .getMessage());
  }

  @Test
  void oneClientPerKeyBaseAndTimeout() {
    StripeClients clients = new StripeClients();
    ProviderSettings a = ProviderSettings.of(settings("apiKey", "sk_test_a"));
    ProviderSettings a2 = ProviderSettings.of(settings("apiKey", "sk_test_a"));
    ProviderSettings b = ProviderSettings.of(settings("apiKey", "sk_test_b"));
    ProviderSettings aElsewhere =
        ProviderSettings.of(settings("apiKey", "sk_test_a", "apiBase", "http://127.0.0.1:1"));

    assertSame(clients.client(a), clients.client(a2));
    assertNotSame(clients.client(a), clients.client(b));
    assertNotSame(clients.client(a), clients.client(aElsewhere));
    assertEquals(3, clients.size());
  }

  @Test
  void forgetsClientsWhenTooManyKeysWereSeen() {
    StripeClients clients = new StripeClients();
    for (int i = 0; i < StripeClients.MAX_CLIENTS * 3; i++) {
      clients.client(ProviderSettings.of(settings("apiKey", "sk_test_" + i)));
    }
    assertTrue(clients.size() <= StripeClients.MAX_CLIENTS, "" + clients.size());
  }
}
