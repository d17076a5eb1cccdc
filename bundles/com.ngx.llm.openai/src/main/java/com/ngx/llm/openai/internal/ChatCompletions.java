package com.ngx.llm.openai.internal;

import com.ngx.api.llm.ChatMessage;
import com.ngx.api.llm.Completion;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The chat-completions protocol ({@code POST /chat/completions}) as OpenAI documents it and
 * compatible servers speak it: the request body, the answer and the error answer.
 */
final class ChatCompletions {
  /** How much of a server's error message is passed on; the rest is cut. */
  static final int MAX_ERROR_MESSAGE = 300;

  private ChatCompletions() {}

  /**
   * The request body: {@code {"model","messages":[{"role","content"}],"temperature",
   * "max_tokens","stream":false}}. {@code temperature} must be finite.
   */
  static String requestBody(
      String model, List<ChatMessage> messages, double temperature, int maxTokens) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"model\":").append(Json.string(model)).append(",\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"role\":")
          .append(Json.string(m.role()))
          .append(",\"content\":")
          .append(Json.string(m.content()))
          .append('}');
    }
    // Double.toString of a finite value is a valid JSON number (0.2, 1.0, 1.0E-4)
    out.append("],\"temperature\":")
        .append(Double.toString(temperature))
        .append(",\"max_tokens\":")
        .append(maxTokens)
        // one answer in one document, not server-sent events
        .append(",\"stream\":false}");
    return out.toString();
  }

  /**
   * The completion in a successful answer: {@code choices[0].message.content} (the choice whose
   * {@code index} is 0, else the first), and {@code usage.prompt_tokens} and {@code
   * usage.completion_tokens} (0 when the server reports no usage).
   *
   * @throws IllegalArgumentException when the answer is not JSON or not a chat completion (the
   *     message says what is wrong)
   */
  static Completion parse(String body) {
    Object root = Json.parse(body);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, Object> answer = Json.object(root);
    Object choices = answer.get("choices");
    if (!(choices instanceof List) || ((List<?>) choices).isEmpty()) {
      throw new IllegalArgumentException("no choices");
    }
    Map<String, Object> choice = firstChoice((List<?>) choices);
    Object rawMessage = choice.get("message");
    if (!(rawMessage instanceof Map)) {
      throw new IllegalArgumentException("choices[0] has no message");
    }
    Map<String, Object> message = Json.object(rawMessage);
    String text = text(message.get("content"));
    if (text == null || text.isBlank()) {
      StringBuilder why = new StringBuilder("the model returned no text");
      if (message.get("refusal") instanceof String) {
        why.append(", it refused: ").append(clean((String) message.get("refusal"), null));
      }
      if (choice.get("finish_reason") instanceof String) {
        why.append(" (finish_reason ").append(clean((String) choice.get("finish_reason"), null));
        why.append(')');
      }
      throw new IllegalArgumentException(why.toString());
    }
    Map<String, Object> usage = Json.object(answer.get("usage"));
    return new Completion(
        text, tokens(usage, "prompt_tokens"), tokens(usage, "completion_tokens"));
  }

  /** The choice with index 0; servers list it first, but the index is what says so. */
  private static Map<String, Object> firstChoice(List<?> choices) {
    for (Object c : choices) {
      Object index = Json.object(c).get("index");
      if (index instanceof BigDecimal && ((BigDecimal) index).signum() == 0) {
        return Json.object(c);
      }
    }
    return Json.object(choices.get(0));
  }

  /**
   * A message's text: a string, or (as some servers send it) a list of content parts whose
   * {@code text} parts are joined; null for anything else.
   */
  private static String text(Object content) {
    if (content instanceof String) {
      return (String) content;
    }
    if (!(content instanceof List)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object part : (List<?>) content) {
      Map<String, Object> p = Json.object(part);
      if ("text".equals(p.get("type")) && p.get("text") instanceof String) {
        out.append((String) p.get("text"));
      }
    }
    return out.toString();
  }

  private static int tokens(Map<String, Object> usage, String name) {
    Object value = usage.get(name);
    if (value == null) {
      return 0;
    }
    if (value instanceof BigDecimal) {
      try {
        int n = ((BigDecimal) value).intValueExact();
        if (n >= 0) {
          return n;
        }
      } catch (ArithmeticException e) {
        // not a whole number, or too large: reported below
      }
    }
    throw new IllegalArgumentException("usage." + name + " is not a token count");
  }

  /**
   * The message for an error answer ({@code status} not 2xx): the status, what it means, the
   * host, and the server's own message if it sent one, with {@code apiKey} blotted out.
   *
   * <p>Rate limiting (429) and server errors (5xx) say so, so that they can be told apart from
   * a configuration mistake.
   */
  static String errorMessage(
      int status, String host, String body, String retryAfter, String apiKey) {
    StringBuilder out =
        new StringBuilder("HTTP ")
            .append(status)
            .append(" (")
            .append(meaning(status))
            .append(") from ")
            .append(host);
    String serverMessage = serverMessage(body);
    if (serverMessage != null) {
      out.append(": ").append(clean(serverMessage, apiKey));
    }
    if (status == 429 && retryAfter != null && !retryAfter.isBlank()) {
      out.append("; retry after ").append(clean(retryAfter, apiKey));
    }
    return out.toString();
  }

  private static String meaning(int status) {
    if (status == 429) {
      return "rate limited or out of quota";
    }
    if (status >= 500) {
      return "server error";
    }
    if (status >= 300 && status < 400) {
      return "redirect not followed, check baseUrl";
    }
    switch (status) {
      case 400:
        return "request rejected";
      case 401:
        return "authentication failed, check apiKey";
      case 403:
        return "access denied";
      case 404:
        return "not found, check baseUrl and model";
      default:
        return status >= 400 ? "request rejected" : "unexpected status";
    }
  }

  /**
   * The server's error message: OpenAI's {@code {"error":{"message","code"}}}, a bare {@code
   * {"error":"…"}} or a top-level {@code {"message":"…"}}, as compatible servers answer; null if
   * there is none.
   */
  static String serverMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    Map<String, Object> root;
    try {
      root = Json.object(Json.parse(body));
    } catch (IllegalArgumentException e) {
      // an HTML page from a proxy, say: its content says nothing useful
      return null;
    }
    Object error = root.get("error");
    if (error instanceof String) {
      return (String) error;
    }
    Map<String, Object> e = Json.object(error);
    Object message = e.isEmpty() ? root.get("message") : e.get("message");
    if (!(message instanceof String) || ((String) message).isBlank()) {
      return null;
    }
    Object code = e.get("code") instanceof String ? e.get("code") : e.get("type");
    return code instanceof String && !((String) code).isBlank()
        ? message + " [" + code + "]"
        : (String) message;
  }

  /**
   * {@code text} safe to show: {@code secret} blotted out, control characters and line breaks
   * as spaces, at most {@link #MAX_ERROR_MESSAGE} characters.
   */
  static String clean(String text, String secret) {
    String s = text;
    if (secret != null && !secret.isEmpty()) {
      s = s.replace(secret, "***");
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_ERROR_MESSAGE + 1));
    for (int i = 0; i < s.length() && out.length() < MAX_ERROR_MESSAGE; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (out.length() < s.length()) {
      if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
        // half of a character cut in two
        out.setLength(out.length() - 1);
      }
      out.append('…');
    }
    return out.toString().strip();
  }
}
