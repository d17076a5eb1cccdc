package com.ngx.vertical.healthcare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ngx.api.vertical.VerticalContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthcareTemplateTest {
  private final HealthcareTemplate template = new HealthcareTemplate();

  @Test
  void templateIdIsHealthcare() {
    assertEquals("healthcare", template.templateId());
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the languages of the documents
        "en | en",
        "es | es",
        // only the primary subtag counts, in any case
        "es-MX | es",
        "es_ES | es",
        "EN-us | en",
        "' en' | en",
        // no document in these languages
        "fr | ''",
        "pt-BR | ''",
        "'' | ''",
      })
  void servesTheDocumentOfThePrimaryLanguage(String requested, String expected) {
    var content = template.content(requested);
    assertEquals(expected.isEmpty() ? null : expected, content.map(VerticalContent::language).orElse(null));
  }

  @Test
  void nullLanguageHasNoContent() {
    assertTrue(template.content(null).isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"en", "es"})
  void nameAndDescriptionAreTheDocumentsTopLevelFields(String language) throws Exception {
    VerticalContent content = template.content(language).orElseThrow();
    JsonNode doc = new ObjectMapper().readTree(content.document());
    assertEquals(1, content.schemaVersion());
    assertEquals(doc.path("schemaVersion").asInt(), content.schemaVersion());
    assertEquals(doc.path("name").asText(), content.name());
    assertEquals(doc.path("description").asText(), content.description());
    assertFalse(content.name().isBlank());
    assertFalse(content.description().isBlank());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // no escapes
        "plain text | plain text",
        // quote, backslash and slash
        "say \\\"hi\\\" \\\\ a\\/b | say \"hi\" \\ a/b",
        // a Unicode escape
        "caf\\u00e9 | café",
      })
  void unescapesJsonStrings(String escaped, String expected) {
    assertEquals(expected, HealthcareTemplate.unescape(escaped));
  }

  @Test
  void readsTheFirstOccurrenceOfAField() {
    String json = "{\"name\": \"Top \\\"level\\\"\", \"personality\": {\"name\": \"Clara\"}}";
    assertEquals("Top \"level\"", HealthcareTemplate.field(json, "name"));
    assertThrows(IllegalStateException.class, () -> HealthcareTemplate.field(json, "description"));
  }
}
