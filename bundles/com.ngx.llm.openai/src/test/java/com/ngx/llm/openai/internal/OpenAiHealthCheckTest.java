package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ngx.api.health.HealthCheck;
import org.junit.jupiter.api.Test;

class OpenAiHealthCheckTest {

  @Test
  void theDefaultsAreValid() {
    OpenAiHealthCheck check = new OpenAiHealthCheck();
    assertEquals("llm-openai", check.name());
    assertEquals(
        HealthCheck.Result.up(
            "default settings valid: https://api.openai.com/v1/chat/completions, model"
                + " gpt-4o-mini"),
        check.check());
  }
}
