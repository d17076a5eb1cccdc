package com.ngx.agent.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Agent definitions for tests: the blank agent every tenant starts from, in both languages. */
public final class TestDefinitions {
  private TestDefinitions() {}

  /** The blank agent's definition (the product's own resource), with language set. */
  public static ObjectNode blank(String language) {
    try (InputStream in = TestDefinitions.class.getResourceAsStream("/com/ngx/agent/internal/service/blank-agent.json")) {
      ObjectNode d = (ObjectNode) Json.MAPPER.readTree(in);
      d.put("language", language);
      ArrayNode langs = d.putArray("languages");
      langs.add(language);
      langs.add(language.equals("en") ? "es" : "en");
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
