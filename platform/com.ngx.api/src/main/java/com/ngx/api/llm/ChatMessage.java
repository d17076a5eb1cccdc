package com.ngx.api.llm;

/**
 * One message of a chat.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content its text
 */
public record ChatMessage(String role, String content) {}
