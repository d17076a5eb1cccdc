package com.ngx.api.llm;

/**
 * A model's answer.
 *
 * @param text the generated text
 * @param inputTokens tokens read (for usage accounting)
 * @param outputTokens tokens generated
 */
public record Completion(String text, int inputTokens, int outputTokens) {}
