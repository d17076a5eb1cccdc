package com.ngx.vertical.fitness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ngx.api.vertical.VerticalContent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FitnessTemplateTest {
  private final FitnessTemplate template = new FitnessTemplate();

  @Test
  void templateIdIsFitness() {
    assertEquals("fitness", template.templateId());
  }

  @ParameterizedTest
  @CsvSource({
    "en, en", // the documents' own languages
    "es, es",
    "es-MX, es", // a region takes the primary subtag
    "en-GB, en",
    "ES_es, es", // case and an underscore are tolerated
    "' es ', es" // so is surrounding blank
  })
  void servesEnglishAndSpanishByPrimarySubtag(String requested, String served) throws Exception {
    VerticalContent content = template.content(requested).orElseThrow();
    assertEquals(served, content.language());
    assertEquals(1, content.schemaVersion());
    JsonNode doc = new ObjectMapper().readTree(content.document());
    assertEquals(doc.get("name").asText(), content.name());
    assertEquals(doc.get("description").asText(), content.description());
    assertEquals(1, doc.get("schemaVersion").asInt());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"fr", "pt-BR", "e", "english"})
  void otherLanguagesAreEmpty(String language) {
    assertEquals(Optional.empty(), template.content(language));
  }

  @Test
  void namesAreTranslated() {
    assertEquals("Fitness & wellness", template.content("en").orElseThrow().name());
    assertEquals("Fitness y bienestar", template.content("es").orElseThrow().name());
    assertTrue(template.content("es").orElseThrow().description().contains("gimnasios"));
  }
}
