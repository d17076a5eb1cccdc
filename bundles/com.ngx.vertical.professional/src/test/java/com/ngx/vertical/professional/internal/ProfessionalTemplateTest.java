package com.ngx.vertical.professional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ngx.api.vertical.VerticalContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfessionalTemplateTest {
  private final ProfessionalTemplate template = new ProfessionalTemplate();

  @Test
  void hasItsId() {
    assertEquals("professional", template.templateId());
  }

  @ParameterizedTest
  @CsvSource({
    "en, en", // the documents' own languages
    "es, es",
    "es-MX, es", // a region picks the language
    "es-419, es",
    "EN-us, en", // tags are case-insensitive
    "en_GB, en", // a Java locale string
  })
  void offersEnglishAndSpanish(String requested, String expected) throws Exception {
    VerticalContent content = template.content(requested).orElseThrow();
    JsonNode document = new ObjectMapper().readTree(content.document());

    assertEquals(expected, content.language());
    assertEquals(1, content.schemaVersion());
    assertEquals(document.get("name").asText(), content.name());
    assertEquals(document.get("description").asText(), content.description());
  }

  @Test
  void languagesDiffer() {
    VerticalContent en = template.content("en").orElseThrow();
    VerticalContent es = template.content("es").orElseThrow();
    assertTrue(!en.name().equals(es.name()) && !en.document().equals(es.document()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "pt-BR", "e", "eng", "spa", "-es"})
  void hasNoOtherLanguage(String language) {
    assertTrue(template.content(language).isEmpty());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void hasNothingForNoLanguage(String language) {
    assertTrue(template.content(language).isEmpty());
  }
}
