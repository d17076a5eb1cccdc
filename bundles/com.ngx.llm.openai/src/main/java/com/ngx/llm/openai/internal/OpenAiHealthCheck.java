package com.ngx.llm.openai.internal;

import com.ngx.api.health.HealthCheck;
import com.ngx.api.llm.ChatMessage;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks that the plugin's default settings are valid and that it writes a request the protocol
 * accepts; the platform runs it when it trial-installs or upgrades the plugin.
 *
 * <p>It calls no model server: there is no tenant (and so no URL or key) at that point, and a
 * check must answer well under a second.
 */
@Component(service = HealthCheck.class)
public final class OpenAiHealthCheck implements HealthCheck {
  static final String NAME = OpenAiSettings.PLUGIN_ID;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result check() {
    try {
      TenantSettings defaults = TenantSettings.defaults();
      String body =
          ChatCompletions.requestBody(
              defaults.model(),
              List.of(new ChatMessage("user", "\"ping\" \u00e9\n")),
              0.0,
              defaults.maxTokens());
      Map<String, Object> parsed = Json.object(Json.parse(body));
      if (!defaults.model().equals(parsed.get("model"))) {
        return Result.down("the request body does not round-trip");
      }
      return Result.up(
          "default settings valid: " + defaults.completionsUrl() + ", model " + defaults.model());
    } catch (RuntimeException e) {
      return Result.down("default settings invalid: " + e.getMessage());
    }
  }
}
