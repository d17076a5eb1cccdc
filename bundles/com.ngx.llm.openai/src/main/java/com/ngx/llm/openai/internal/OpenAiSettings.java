package com.ngx.llm.openai.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A tenant's settings of the language model, which the platform renders and validates. */
@ObjectClassDefinition(
    id = OpenAiSettings.PLUGIN_ID,
    name = "OpenAI-compatible language model",
    description =
        "Lets your agents phrase answers from your knowledge base with a model served over the"
            + " OpenAI chat-completions protocol: OpenAI itself, Ollama, vLLM or a compatible"
            + " gateway")
public @interface OpenAiSettings {
  /** The plugin id, also the id of this definition and the designate PID. */
  String PLUGIN_ID = "llm-openai";

  /** The default server: OpenAI's API. */
  String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /** The default model. */
  String DEFAULT_MODEL = "gpt-4o-mini";
  /** The default request timeout. */
  int DEFAULT_TIMEOUT_SECONDS = 20;
  /** The shortest request timeout a tenant may choose. */
  int MIN_TIMEOUT_SECONDS = 1;
  /** The longest request timeout a tenant may choose. */
  int MAX_TIMEOUT_SECONDS = 120;
  /** The default cap on generated tokens. */
  int DEFAULT_MAX_TOKENS = 400;
  /** The highest cap a tenant may choose. */
  int MAX_MAX_TOKENS = 16384;

  @AttributeDefinition(
      name = "Base URL",
      description =
          "The API root the path /chat/completions is appended to: https://api.openai.com/v1 for"
              + " OpenAI, http://<host>:11434/v1 for Ollama, http://<host>:8000/v1 for vLLM")
  String baseUrl() default DEFAULT_BASE_URL;

  @AttributeDefinition(
      name = "API key",
      description =
          "Sent as 'Authorization: Bearer <key>'; leave empty for servers without authentication"
              + " (a local Ollama)",
      type = AttributeType.PASSWORD,
      required = false)
  String apiKey();

  @AttributeDefinition(
      name = "Model",
      description = "The model name the server knows, e.g. gpt-4o-mini, llama3.1:8b, qwen2.5:7b")
  String model() default DEFAULT_MODEL;

  @AttributeDefinition(
      name = "Timeout (seconds)",
      description = "How long to wait for the whole answer, 1-120 seconds",
      min = "" + MIN_TIMEOUT_SECONDS,
      max = "" + MAX_TIMEOUT_SECONDS)
  int timeoutSeconds() default DEFAULT_TIMEOUT_SECONDS;

  @AttributeDefinition(
      name = "Maximum tokens per answer",
      description =
          "A cap on the tokens generated for one answer (the agent may ask for fewer), 1-16384",
      min = "1",
      max = "" + MAX_MAX_TOKENS)
  int maxTokens() default DEFAULT_MAX_TOKENS;
}
