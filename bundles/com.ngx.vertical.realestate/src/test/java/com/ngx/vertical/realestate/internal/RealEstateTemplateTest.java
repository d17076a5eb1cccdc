package com.ngx.vertical.realestate.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ngx.api.vertical.VerticalContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealEstateTemplateTest {
  private final RealEstateTemplate template = new RealEstateTemplate();

  @Test
  void hasTheTemplateId() {
    assertEquals("realestate", template.templateId());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      value = {
        // requested tag | document language, or none
        "en | en", // exact
        "es | es", // exact
        "es-MX | es", // region ignored
        "en-GB | en", // region ignored
        "ES | es", // case ignored
        "es_AR | es", // underscore spelling
        "fr | none", // not offered
        "'' | none", // empty
        "e | none", // not a prefix match
      },
      delimiter = '|')
  void offersEnglishAndSpanishByPrimarySubtag(String tag, String expected) {
    Optional<VerticalContent> content = template.content(tag);
    assertEquals(expected, content.map(VerticalContent::language).orElse("none"));
  }

  @Test
  void offersNothingForNoLanguage() {
    assertTrue(template.content(null).isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"en, Real estate", "es, Inmobiliaria"})
  void takesNameAndDescriptionFromTheDocument(String language, String name) throws IOException {
    VerticalContent content = template.content(language).orElseThrow();
    JsonNode doc = new ObjectMapper().readTree(content.document());
    assertEquals(name, content.name());
    assertEquals(doc.path("name").asText(), content.name());
    assertEquals(doc.path("description").asText(), content.description());
    assertEquals(1, content.schemaVersion());
    assertEquals(doc.path("schemaVersion").asInt(), content.schemaVersion());
    assertEquals(resource("/template/" + language + ".json"), content.document());
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = RealEstateTemplateTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
