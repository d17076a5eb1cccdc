package com.ngx.vertical.saas.internal;

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

class SaasTemplateTest {
  private final SaasTemplate template = new SaasTemplate();

  @Test
  void hasTheTemplateId() {
    assertEquals("saas", template.templateId());
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({
    // exact tags
    "en, en",
    "es, es",
    // a region or script subtag is ignored: only the primary language counts
    "es-MX, es",
    "es-419, es",
    "en-GB, en",
    "zh-Hant-TW-x, ''",
    // case and the underscore of Java locales
    "EN, en",
    "es_AR, es",
    // languages the template does not offer
    "fr, ''",
    "pt-BR, ''",
    "e, ''",
    "eng, ''",
  })
  void picksTheDocumentByPrimaryLanguage(String tag, String expected) {
    Optional<VerticalContent> content = template.content(tag);
    assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected),
        content.map(VerticalContent::language));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noLanguageIsNoContent(String tag) {
    assertTrue(template.content(tag).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void nameAndDescriptionComeFromTheDocument(String language) throws Exception {
    VerticalContent content = template.content(language).orElseThrow();
    JsonNode doc = new ObjectMapper().readTree(content.document());
    assertEquals(1, content.schemaVersion());
    assertEquals(doc.path("schemaVersion").asInt(), content.schemaVersion());
    assertEquals(doc.path("name").asText(), content.name());
    assertEquals(doc.path("description").asText(), content.description());
    assertTrue(content.description().length() > 100, content.description());
  }

  @Test
  void theDocumentsDiffer() {
    String en = template.content("en").orElseThrow().document();
    String es = template.content("es").orElseThrow().document();
    assertTrue(es.contains("¿"), "the Spanish document is read as UTF-8");
    assertTrue(!en.equals(es));
  }
}
