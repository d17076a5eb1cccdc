package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

  private static Map<String, Object> settings(Object... keysAndValues) {
    Map<String, Object> out = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  @Test
  void defaults() {
    TenantSettings s = TenantSettings.defaults();
    assertEquals(URI.create("https://api.openai.com/v1"), s.baseUrl());
    assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), s.completionsUrl());
    assertNull(s.apiKey());
    assertEquals("gpt-4o-mini", s.model());
    assertEquals(Duration.ofSeconds(20), s.timeout());
    assertEquals(400, s.maxTokens());
  }

  @Test
  void acceptedBaseUrls() {
    // each case: what the tenant enters, where completions are posted
    String[][] cases = {
      // OpenAI
      {"https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions"},
      // Ollama, with a trailing slash
      {
        "http://ollama.example.com:11434/v1/", "http://ollama.example.com:11434/v1/chat/completions"
      },
      // vLLM, upper-case scheme, surrounding blanks
      {"  HTTP://vllm.example.com:8000/v1  ", "HTTP://vllm.example.com:8000/v1/chat/completions"},
      // a gateway with a deeper path and several trailing slashes
      {
        "https://gw.example.com/openai/deployments/x//",
        "https://gw.example.com/openai/deployments/x/chat/completions"
      },
      // a bare host
      {"https://llm.example.com", "https://llm.example.com/chat/completions"},
    };
    for (String[] c : cases) {
      assertEquals(
          URI.create(c[1]), TenantSettings.of(settings("baseUrl", c[0])).completionsUrl(), c[0]);
    }
  }

  @Test
  void rejectedSettings() {
    // each case: a setting and its value, the message
    Object[][] cases = {
      {"baseUrl", "", "baseUrl is not set"},
      {"baseUrl", "ftp://example.com/v1", "baseUrl must be an absolute http(s) URL"},
      {"baseUrl", "file:///etc/passwd", "baseUrl must be an absolute http(s) URL"},
      {"baseUrl", "api.openai.com/v1", "baseUrl must be an absolute http(s) URL"},
      {"baseUrl", "https:///v1", "baseUrl must be an absolute http(s) URL"},
      {"baseUrl", "not a url", "baseUrl is not a valid URL"},
      {
        "baseUrl",
        "https://user:pw@example.com/v1",
        "baseUrl must not contain credentials; put the key in apiKey"
      },
      {
        "baseUrl",
        "https://example.com/v1?api-version=1",
        "baseUrl must not have a query or fragment: /chat/completions is appended to it"
      },
      {
        "baseUrl",
        "https://example.com/v1#x",
        "baseUrl must not have a query or fragment: /chat/completions is appended to it"
      },
      {"apiKey", "sk-abc\r\nX-Injected: 1", "apiKey contains characters a header cannot carry"},
      {"apiKey", "sk abc", "apiKey contains characters a header cannot carry"},
      {"model", "", "model is not set"},
      {"model", "m".repeat(201), "model must be at most 200 characters"},
      {"timeoutSeconds", 0, "timeoutSeconds must be from 1 to 120"},
      {"timeoutSeconds", 121, "timeoutSeconds must be from 1 to 120"},
      {"timeoutSeconds", 5_000_000_000L, "timeoutSeconds must be from 1 to 120"},
      {"timeoutSeconds", "abc", "timeoutSeconds must be a whole number"},
      {"timeoutSeconds", 2.5, "timeoutSeconds must be a whole number"},
      {"maxTokens", 0, "maxTokens must be from 1 to 16384"},
      {"maxTokens", 16385, "maxTokens must be from 1 to 16384"},
      {"maxTokens", "", "maxTokens must be a whole number"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> TenantSettings.of(settings(c[0], c[1])),
              String.valueOf(c[1]));
      assertEquals(c[2], e.getMessage());
    }
  }

  @Test
  void typedAsThePlatformMaySendThem() {
    // Integer (the definition's type), Long, Short and numeric strings are all whole numbers
    TenantSettings s =
        TenantSettings.of(
            settings("timeoutSeconds", 7L, "maxTokens", " 128 ", "apiKey", "  sk-x  "));
    assertEquals(Duration.ofSeconds(7), s.timeout());
    assertEquals(128, s.maxTokens());
    assertEquals("sk-x", s.apiKey());
    assertEquals(
        Duration.ofSeconds(9), TenantSettings.of(settings("timeoutSeconds", (short) 9)).timeout());
    assertEquals(120, TenantSettings.of(settings("timeoutSeconds", 120)).timeout().getSeconds());
  }

  @Test
  void aBlankKeyIsNoKey() {
    assertNull(TenantSettings.of(settings("apiKey", "")).apiKey());
    assertNull(TenantSettings.of(settings("apiKey", " \t")).apiKey());
  }

  @Test
  void toStringHidesTheKey() {
    String s = TenantSettings.of(settings("apiKey", "sk-secret-value")).toString();
    assertFalse(s.contains("sk-secret-value"), s);
    assertEquals(
        "TenantSettings[baseUrl=https://api.openai.com/v1, apiKey=set, model=gpt-4o-mini,"
            + " timeout=PT20S, maxTokens=400]",
        s);
  }
}
