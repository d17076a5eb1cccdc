package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.api.llm.ChatMessage;
import com.ngx.api.llm.Completion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {

  @Test
  void writesTheRequestBody() {
    assertEquals(
        "{\"model\":\"llama3.1:8b\",\"messages\":[{\"role\":\"system\",\"content\":\"Only the"
            + " passages.\\n[1] \\\"Hours\\\": 9–17\"},{\"role\":\"user\",\"content\":\"Hi \\u0007"
            + " 😀\"}],\"temperature\":0.2,\"max_tokens\":400,\"stream\":false}",
        ChatCompletions.requestBody(
            "llama3.1:8b",
            List.of(
                new ChatMessage("system", "Only the passages.\n[1] \"Hours\": 9–17"),
                new ChatMessage("user", "Hi \u0007 😀")),
            0.2,
            400));
  }

  @Test
  void temperaturesAreJsonNumbers() {
    // each case: a temperature, how it is written
    Object[][] cases = {{0.0, "0.0"}, {1.0, "1.0"}, {2.0, "2.0"}, {0.7, "0.7"}, {1e-4, "1.0E-4"}};
    for (Object[] c : cases) {
      String body =
          ChatCompletions.requestBody("m", List.of(new ChatMessage("user", "x")), (Double) c[0], 1);
      assertEquals(
          "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":"
              + c[1]
              + ",\"max_tokens\":1,\"stream\":false}",
          body);
      // and it parses
      Json.parse(body);
    }
  }

  @Test
  void parsesACompletion() {
    assertEquals(
        new Completion("We open at 9.", 42, 5), ChatCompletions.parse(ChatServer.COMPLETION));
  }

  @Test
  void parsesWhatCompatibleServersSend() {
    // each case: an answer, the completion
    Object[][] cases = {
      // Ollama: a system_fingerprint, usage without total
      {
        "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"llama3\","
            + "\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hola\"},"
            + "\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}",
        new Completion("Hola", 10, 2)
      },
      // no usage at all: zero tokens
      {"{\"choices\":[{\"message\":{\"content\":\"x\"}}]}", new Completion("x", 0, 0)},
      // usage with nulls and details
      {
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":null,"
            + "\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
        new Completion("x", 0, 3)
      },
      // token counts written with an exponent are still whole numbers
      {
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],"
            + "\"usage\":{\"prompt_tokens\":1.2e3,\"completion_tokens\":7.0}}",
        new Completion("x", 1200, 7)
      },
      // content as a list of parts
      {
        "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Hel\"},"
            + "{\"type\":\"image_url\"},{\"type\":\"text\",\"text\":\"lo\"}]}}]}",
        new Completion("Hello", 0, 0)
      },
      // leading white space is the model's, kept
      {"{\"choices\":[{\"message\":{\"content\":\"\\n\\nHi\"}}]}", new Completion("\n\nHi", 0, 0)},
    };
    for (Object[] c : cases) {
      assertEquals(c[1], ChatCompletions.parse((String) c[0]));
    }
  }

  @Test
  void tooManyTokensIsNotATokenCount() {
    assertEquals(
        "usage.prompt_tokens is not a token count",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ChatCompletions.parse(
                        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],"
                            + "\"usage\":{\"prompt_tokens\":3000000000}}"))
            .getMessage());
  }

  @Test
  void serverMessages() {
    // each case: an error body, the message found in it
    String[][] cases = {
      {"{\"error\":{\"message\":\"m\",\"type\":\"t\",\"code\":\"c\"}}", "m [c]"},
      {"{\"error\":{\"message\":\"m\",\"type\":\"t\",\"code\":null}}", "m [t]"},
      {"{\"error\":{\"message\":\"m\"}}", "m"},
      {"{\"error\":\"plain\"}", "plain"},
      {"{\"object\":\"error\",\"message\":\"vllm\"}", "vllm"},
      {"{\"error\":{\"message\":\"\"}}", null},
      {"{\"error\":{\"code\":42}}", null},
      {"{\"detail\":\"Not Found\"}", null},
      {"<html>502</html>", null},
      {"", null},
      {null, null},
    };
    for (String[] c : cases) {
      assertEquals(c[1], ChatCompletions.serverMessage(c[0]), c[0]);
    }
  }

  @Test
  void errorMessages() {
    // each case: status, the meaning in the message
    Object[][] cases = {
      {400, "request rejected"},
      {401, "authentication failed, check apiKey"},
      {403, "access denied"},
      {404, "not found, check baseUrl and model"},
      {422, "request rejected"},
      {429, "rate limited or out of quota"},
      {500, "server error"},
      {504, "server error"},
      {301, "redirect not followed, check baseUrl"},
      {101, "unexpected status"},
    };
    for (Object[] c : cases) {
      assertEquals(
          "HTTP " + c[0] + " (" + c[1] + ") from h",
          ChatCompletions.errorMessage((Integer) c[0], "h", "", null, null));
    }
    // Retry-After only matters for 429
    assertEquals(
        "HTTP 503 (server error) from h", ChatCompletions.errorMessage(503, "h", "", "5", null));
  }

  @Test
  void cleanBlotsOutTheKeyFlattensAndCuts() {
    assertEquals("key *** and *** again", ChatCompletions.clean("key sk-1 and sk-1 again", "sk-1"));
    assertEquals("line one  line two", ChatCompletions.clean("line one\r\nline two", null));
    String longText = "x".repeat(1000);
    assertEquals(
        "x".repeat(ChatCompletions.MAX_ERROR_MESSAGE) + "…", ChatCompletions.clean(longText, ""));
    // a character beyond the BMP is never cut in half
    String emojis = "x" + "😀".repeat(ChatCompletions.MAX_ERROR_MESSAGE);
    String cut = ChatCompletions.clean(emojis, null);
    assertEquals("x" + "😀".repeat((ChatCompletions.MAX_ERROR_MESSAGE - 1) / 2) + "…", cut);
  }

  @Test
  void nothingToCleanIsNull() {
    assertNull(ChatCompletions.serverMessage("   "));
  }
}
