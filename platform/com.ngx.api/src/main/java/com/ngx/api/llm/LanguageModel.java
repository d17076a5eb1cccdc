package com.ngx.api.llm;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/** A language model (OpenAI-compatible, Ollama …) an agent may use to phrase answers. */
@ConsumerType
public interface LanguageModel {
  /** Completes a chat; throws when the model cannot be reached. */
  Completion complete(PluginContext context, CompletionRequest request);
}
